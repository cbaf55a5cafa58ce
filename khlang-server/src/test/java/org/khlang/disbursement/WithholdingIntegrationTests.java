package org.khlang.disbursement;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.ledger.Ledger;
import org.khlang.ledger.TrialBalance;
import org.khlang.shared.Actor;
import org.khlang.shared.KhlangProblem;
import org.khlang.support.BankFiles;
import org.khlang.support.IntegrationTest;
import org.khlang.support.MoneyFixtures;
import org.khlang.support.MoneyFixtures.Office;
import org.khlang.support.MutableClock;
import org.khlang.support.SoftTokenFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** R13 with withholding tax and fines: deducted, signed, posted, reversed, on PostgreSQL. */
@IntegrationTest
@Tag("R13")
class WithholdingIntegrationTests {

    static final String WITHHOLDING_PAYABLE = "2102040102";
    static final String FINE_REVENUE = "4206010102";
    static final String PAYABLE = "2101010101";

    @Autowired
    Withdrawals withdrawals;

    @Autowired
    WithholdingRates rates;

    @Autowired
    Payees payees;

    @Autowired
    Ledger ledger;

    @Autowired
    MoneyFixtures money;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    @LocalServerPort
    int port;

    Office office;

    @BeforeEach
    void office() {
        office = money.office("36", URI.create("http://localhost:" + port), "500000.00");
    }

    @AfterEach
    void reset() {
        clock.reset();
        // The seeded rows stay; the rates a test added are taken away so that no other test sees them.
        jdbc.update("delete from withholding_rate where created_by is not null");
    }

    static void refused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(KhlangProblem.class,
                problem -> assertThat(problem.code()).isEqualTo(code));
    }

    NewWithdrawal document(String amount, String vat, String fine, String reason) {
        return new NewWithdrawal(DocumentType.KB02, office.payee().id(), null, "ค่าจ้างเหมาซ่อมอาคาร",
                List.of(new NewWithdrawal.Line(office.budget().id(), null, "ซ่อมหลังคา", "INV-" + java.util.UUID.randomUUID().toString().substring(0, 8),
                        new BigDecimal(amount))), vat == null ? null : new BigDecimal(vat),
                fine == null ? null : new BigDecimal(fine), reason);
    }

    Withdrawal record(String amount, String vat, String fine, String reason) {
        return withdrawals.record(office.agency().id(), document(amount, vat, fine, reason), office.recorder().actor());
    }

    BigDecimal balance(String account) {
        TrialBalance balance = ledger.trialBalance(office.agency().id(), LocalDate.now(clock));
        assertThat(balance.balanced()).isTrue();
        return balance.rows().stream().filter(row -> row.account().code().equals(account)).findFirst()
                .map(TrialBalance.Row::balance).orElse(BigDecimal.ZERO);
    }

    @Test
    void aNewRateTakesEffectOnItsDateAndADocumentKeepsTheRateOfTheDayItWasRecorded() {
        Actor admin = office.recorder().actor();
        LocalDate tomorrow = LocalDate.now(clock).plusDays(1);
        WithholdingRate added = rates.add(TaxStatus.JURISTIC, tomorrow, new BigDecimal("0.02"),
                new BigDecimal("5000.00"), "ประกาศอธิบดีกรมสรรพากร (ทดสอบ)", admin);
        assertThat(added.percent()).isEqualTo("2%");
        Withdrawal today = record("8000.00", null, null, null);
        assertThat(today.deductions().tax()).isEqualByComparingTo("0");
        Withdrawal todayLarge = record("20000.00", null, null, null);
        assertThat(todayLarge.deductions().tax()).isEqualByComparingTo("200.00");

        clock.advance(Duration.ofDays(1));
        Withdrawal after = record("8000.00", null, null, null);
        assertThat(after.deductions().rate()).isEqualByComparingTo("0.02");
        assertThat(after.deductions().tax()).isEqualByComparingTo("160.00");
        assertThat(withdrawals.find(todayLarge.id()).orElseThrow().deductions().tax()).isEqualByComparingTo("200.00");
        assertThat(rates.inForce(TaxStatus.JURISTIC, tomorrow.minusDays(1)).orElseThrow().rate())
                .isEqualByComparingTo("0.01");
        assertThat(jdbc.queryForObject("select count(*) from audit_event where action ="
                + " 'disbursement.withholding.rateAdded' and target = ?", Long.class,
                "withholding-rate:" + added.id())).isEqualTo(1);

        refused(() -> rates.add(TaxStatus.JURISTIC, LocalDate.now(clock).minusDays(1), new BigDecimal("0.03"),
                BigDecimal.ZERO, "ย้อนหลัง", admin), "withholding.effectiveFrom");
        refused(() -> rates.add(TaxStatus.JURISTIC, tomorrow, new BigDecimal("0.03"), BigDecimal.ZERO, "ซ้ำ", admin),
                "withholding.exists");
        refused(() -> rates.add(TaxStatus.EXEMPT, tomorrow.plusDays(5), new BigDecimal("0.03"), BigDecimal.ZERO,
                "ไม่มีอัตรา", admin), "withholding.status");
        refused(() -> rates.add(TaxStatus.INDIVIDUAL, tomorrow.plusDays(5), new BigDecimal("0.20"), BigDecimal.ZERO,
                "สูงเกิน", admin), "withholding.rate");
        refused(() -> rates.add(TaxStatus.INDIVIDUAL, tomorrow.plusDays(5), new BigDecimal("0.01"), BigDecimal.ZERO,
                " ", admin), "withholding.basis");
    }

    @Test
    void anExemptPayeeHasNothingWithheldAndTheChangeIsAuditedAndTheHeadAlerted() {
        Payee exempt = payees.changeTaxStatus(office.payee().id(), TaxStatus.EXEMPT, office.recorder().actor());
        assertThat(exempt.taxStatus()).isEqualTo(TaxStatus.EXEMPT);
        Withdrawal untaxed = record("50000.00", null, null, null);
        assertThat(untaxed.deductions().any()).isFalse();
        assertThat(untaxed.net()).isEqualByComparingTo("50000.00");
        assertThat(payees.alerts(office.head().accountId())).anySatisfy(alert ->
                assertThat(alert.messageTh()).contains("ได้รับยกเว้น"));
        assertThat(jdbc.queryForObject("select count(*) from audit_event where action ="
                + " 'disbursement.payee.taxStatusChanged' and target = ?", Long.class,
                "payee:" + office.payee().id())).isEqualTo(1);

        payees.changeTaxStatus(office.payee().id(), TaxStatus.INDIVIDUAL, office.recorder().actor());
        assertThat(record("10000.00", null, null, null).deductions().tax()).isEqualByComparingTo("100.00");
    }

    @Test
    void thePhoneShowsGrossDeductionsAndNetAndBothSignaturesCoverThem() {
        Withdrawal recorded = record("20000.00", null, "500.00", "ส่งของล่าช้า 5 วัน");
        assertThat(recorded.deductions().tax()).isEqualByComparingTo("200.00");
        assertThat(recorded.net()).isEqualByComparingTo("19300.00");

        SigningRequest ask = withdrawals.askApproval1(recorded.id(), office.approver1().actor());
        String detail = office.approver1().phone().pending().stream()
                .filter(request -> request.id().equals(ask.confirmationId())).findFirst().orElseThrow()
                .text("detail_th");
        assertThat(detail).contains("จำนวนเงิน 20,000.00 บาท", "ยอดก่อนหัก 20,000.00 บาท",
                "หักภาษี ณ ที่จ่าย 1% 200.00 บาท", "หักค่าปรับ 500.00 บาท (ส่งของล่าช้า 5 วัน)",
                "จ่ายสุทธิ 19,300.00 บาท (หนึ่งหมื่นเก้าพันสามร้อยบาทถ้วน)");
        SoftTokenFixtures.approveOnPhone(office.approver1().phone(), ask.confirmationId());
        withdrawals.approve1(recorded.id(), ask.confirmationId(), office.approver1().actor());

        SigningRequest ask2 = withdrawals.askApproval2(List.of(recorded.id()), office.approver2().actor());
        assertThat(ask2.total()).isEqualByComparingTo("19300.00");
        assertThat(office.approver2().phone().pending().stream()
                .filter(request -> request.id().equals(ask2.confirmationId())).findFirst().orElseThrow()
                .text("detail_th")).contains("จำนวนเงินที่โอน 19,300.00 บาท", "ยอดก่อนหัก 20,000.00 บาท",
                "หักภาษี ณ ที่จ่าย 1% 200.00 บาท", "จ่ายสุทธิ 19,300.00 บาท");
        SoftTokenFixtures.approveOnPhone(office.approver2().phone(), ask2.confirmationId());
        withdrawals.approve2(List.of(recorded.id()), ask2.confirmationId(), office.approver2().actor());
        assertThat(withdrawals.verifyApprovals(recorded.id())).allSatisfy(check -> assertThat(check.valid()).isTrue());

        // Lower the tax behind the approvers' backs: neither signature fits the document any more.
        jdbc.update("update withdrawal set withholding_tax = 100.00 where id = ?", recorded.id());
        assertThat(withdrawals.verifyApprovals(recorded.id())).hasSize(2)
                .allSatisfy(check -> assertThat(check.valid()).isFalse());
        jdbc.update("update withdrawal set withholding_tax = 200.00 where id = ?", recorded.id());
    }

    @Test
    void theNetGoesToTheBankTheTaxToItsPayableTheFineToRevenueAndARejectedTransferReversesAllOfIt() {
        Withdrawal recorded = money.approved1(office, record("21400.00", "1400.00", "500.00", "ส่งของล่าช้า"));
        // 21,400 including 1,400 VAT: 20,000 taxable, 200.00 withheld; 500.00 fined; 20,700.00 to the bank.
        assertThat(recorded.deductions().tax()).isEqualByComparingTo("200.00");
        PaymentBatch batch = money.approved2(office, List.of(recorded.id()));
        Payment payment = batch.payments().getFirst();
        assertThat(payment.amount()).isEqualByComparingTo("20700.00");
        assertThat(new String(withdrawals.paymentFile(batch.id(), office.recorder().actor()), StandardCharsets.UTF_8))
                .contains("<InstdAmt Ccy=\"THB\">20700.00</InstdAmt>", "<CtrlSum>20700.00</CtrlSum>");
        assertThat(balance(WITHHOLDING_PAYABLE)).isEqualByComparingTo("200.00");
        assertThat(balance(FINE_REVENUE)).isEqualByComparingTo("500.00");
        assertThat(balance(PAYABLE)).isEqualByComparingTo("0");

        BankResults rejected = withdrawals.importBankResults(batch.id(), BankFiles.pain002(batch.messageId(), null,
                List.of(BankFiles.Status.rejected(payment, "AC04"))), office.recorder().actor());
        assertThat(rejected.failed()).isEqualTo(1);
        assertThat(balance(WITHHOLDING_PAYABLE)).isEqualByComparingTo("0");
        assertThat(balance(FINE_REVENUE)).isEqualByComparingTo("0");
        assertThat(balance(PAYABLE)).isEqualByComparingTo("21400.00");

        PaymentBatch again = money.approved2(office, List.of(recorded.id()));
        Payment second = again.payments().getFirst();
        assertThat(second.amount()).isEqualByComparingTo("20700.00");
        withdrawals.importBankResults(again.id(), BankFiles.pain002(again.messageId(), null,
                List.of(BankFiles.Status.of(second, "ACSC"))), office.recorder().actor());
        assertThat(balance(WITHHOLDING_PAYABLE)).isEqualByComparingTo("200.00");
        assertThat(balance(FINE_REVENUE)).isEqualByComparingTo("500.00");
        assertThat(balance(PAYABLE)).isEqualByComparingTo("0");
        assertThat(balance("2102040199")).isEqualByComparingTo("0");
        assertThat(withdrawals.find(recorded.id()).orElseThrow().state()).isEqualTo(WithdrawalState.PAID);
    }

    @Test
    void deductionsThatDoNotFitAreRefusedAndNothingIsRecorded() {
        long before = jdbc.queryForObject("select count(*) from withdrawal where agency_id = ?", Long.class,
                office.agency().id());
        refused(() -> record("1000.00", "1000.00", null, null), "withdrawal.vat");
        refused(() -> record("1000.00", null, "100.00", null), "withdrawal.fine.reason");
        refused(() -> record("1000.00", null, "1000.00", "ปรับทั้งหมด"), "withdrawal.deductions.tooLarge");
        assertThat(jdbc.queryForObject("select count(*) from withdrawal where agency_id = ?", Long.class,
                office.agency().id())).isEqualTo(before);
        assertThat(budgetsReserved()).isEqualByComparingTo("0");
    }

    BigDecimal budgetsReserved() {
        return jdbc.queryForObject("select reserved from budget_line where id = ?", BigDecimal.class,
                office.budget().id());
    }
}
