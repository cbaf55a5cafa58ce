package org.khlang.disbursement;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.ledger.Ledger;
import org.khlang.ledger.TrialBalance;
import org.khlang.shared.KhlangProblem;
import org.khlang.support.BankFiles;
import org.khlang.support.IntegrationTest;
import org.khlang.support.MoneyFixtures;
import org.khlang.support.MoneyFixtures.Office;
import org.khlang.support.SoftTokenFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** R13 for a document that pays a list of payees: signed as a list, paid line by line, on PostgreSQL. */
@IntegrationTest
@Tag("R13")
class PayeeListIntegrationTests {

    @Autowired
    Withdrawals withdrawals;

    @Autowired
    Budgets budgets;

    @Autowired
    Ledger ledger;

    @Autowired
    MoneyFixtures money;

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int port;

    Office office;

    @BeforeEach
    void office() {
        office = money.office("38", URI.create("http://localhost:" + port), "900000.00");
    }

    static List<PayeeLine> payees(String... amounts) {
        List<PayeeLine> lines = new ArrayList<>();
        for (int i = 0; i < amounts.length; i++) {
            lines.add(new PayeeLine(i + 1, "ผู้รับเบี้ยเลี้ยง " + (i + 1), null,
                    new BankAccount("006", String.format("%010d", 5_000_000 + i), "ผู้รับเบี้ยเลี้ยง " + (i + 1)),
                    new BigDecimal(amounts[i])));
        }
        return lines;
    }

    NewWithdrawal list(List<PayeeLine> payees, String lineAmount) {
        return NewWithdrawal.forList(DocumentType.KB02, "เบี้ยเลี้ยงอบรม", new NewWithdrawal.Line(office.budget().id(),
                null, "เบี้ยเลี้ยง", null, new BigDecimal(lineAmount)), payees);
    }

    BigDecimal balance(String account) {
        TrialBalance balance = ledger.trialBalance(office.agency().id(), LocalDate.now(money.clock()));
        assertThat(balance.balanced()).isTrue();
        return balance.rows().stream().filter(row -> row.account().code().equals(account)).findFirst()
                .map(TrialBalance.Row::balance).orElse(BigDecimal.ZERO);
    }

    static void refused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(KhlangProblem.class,
                problem -> assertThat(problem.code()).isEqualTo(code));
    }

    @Test
    void aListIsSignedAsAWholePaidLineByLineAndARejectedLineReturnsOnlyItsOwnMoney() {
        Withdrawal recorded = withdrawals.record(office.agency().id(), list(payees("500.00", "750.25", "1200.00"),
                "2450.25"), office.recorder().actor());
        assertThat(recorded.hasPayeeList()).isTrue();
        assertThat(recorded.payeeList().count()).isEqualTo(3);
        assertThat(recorded.total()).isEqualByComparingTo("2450.25");

        SigningRequest ask = withdrawals.askApproval1(recorded.id(), office.approver1().actor());
        assertThat(office.approver1().phone().pending().stream().filter(r -> r.id().equals(ask.confirmationId()))
                .findFirst().orElseThrow().text("detail_th")).contains("ผู้รับเงิน 3 ราย รวม 2,450.25 บาท",
                recorded.payeeList().sha256().substring(0, 16));
        SoftTokenFixtures.approveOnPhone(office.approver1().phone(), ask.confirmationId());
        withdrawals.approve1(recorded.id(), ask.confirmationId(), office.approver1().actor());

        PaymentBatch batch = money.approved2(office, List.of(recorded.id()));
        assertThat(batch.payments()).extracting(Payment::endToEndId)
                .containsExactly("W" + recorded.id() + "L1A1", "W" + recorded.id() + "L2A1", "W" + recorded.id() + "L3A1");
        assertThat(batch.total()).isEqualByComparingTo("2450.25");
        String file = new String(withdrawals.paymentFile(batch.id(), office.recorder().actor()), StandardCharsets.UTF_8);
        assertThat(file).contains("<NbOfTxs>3</NbOfTxs>", "<InstdAmt Ccy=\"THB\">750.25</InstdAmt>");

        Payment second = batch.payments().get(1);
        BankResults results = withdrawals.importBankResults(batch.id(), BankFiles.pain002(batch.messageId(), null,
                List.of(BankFiles.Status.of(batch.payments().get(0), "ACSC"), BankFiles.Status.rejected(second, "AC04"),
                        BankFiles.Status.of(batch.payments().get(2), "ACSC"))), office.recorder().actor());
        assertThat(List.of(results.paid(), results.failed())).containsExactly(2, 1);
        assertThat(withdrawals.find(recorded.id()).orElseThrow().state()).isEqualTo(WithdrawalState.PAYMENT_FAILED);
        assertThat(balance("2101010101")).isEqualByComparingTo("750.25");
        assertThat(budgets.line(office.budget().id()).orElseThrow().paid()).isEqualByComparingTo("1700.00");
        assertThat(withdrawals.payeeLineStates(recorded.id(), 0)).containsEntry(1, Payment.State.PAID)
                .containsEntry(2, Payment.State.FAILED).containsEntry(3, Payment.State.PAID);

        // Approval 2 again sends only the rejected line.
        PaymentBatch again = money.approved2(office, List.of(recorded.id()));
        assertThat(again.payments()).singleElement().satisfies(payment -> {
            assertThat(payment.endToEndId()).isEqualTo("W" + recorded.id() + "L2A2");
            assertThat(payment.amount()).isEqualByComparingTo("750.25");
        });
        withdrawals.importBankResults(again.id(), BankFiles.pain002(again.messageId(), "ACSC", List.of()),
                office.recorder().actor());
        assertThat(withdrawals.find(recorded.id()).orElseThrow().state()).isEqualTo(WithdrawalState.PAID);
        assertThat(budgets.line(office.budget().id()).orElseThrow().paid()).isEqualByComparingTo("2450.25");
        assertThat(balance("2101010101")).isEqualByComparingTo("0");
        assertThat(balance("2102040199")).isEqualByComparingTo("0");
        assertThat(withdrawals.verifyApprovals(recorded.id())).hasSize(3)
                .allSatisfy(check -> assertThat(check.valid()).isTrue());
        refused(() -> withdrawals.askApproval2(List.of(recorded.id()), office.approver2().actor()),
                "withdrawal.state.of");
    }

    @Test
    void aListOfTenThousandPayeesGoesThroughBothApprovalsAndAPartlyRejectedStatusReportWithCorrectBalances() {
        List<PayeeLine> lines = new ArrayList<>(PayeeListCsv.MAX_PAYEES);
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 1; i <= PayeeListCsv.MAX_PAYEES; i++) {
            BigDecimal amount = new BigDecimal(10 + i % 90 + ".25");
            lines.add(new PayeeLine(i, "ผู้รับเงินรายที่ " + i, null, new BankAccount("006",
                    String.format("%010d", 7_000_000_000L + i), "ผู้รับเงินรายที่ " + i), amount));
            total = total.add(amount);
        }
        Withdrawal recorded = money.approved1(office, withdrawals.record(office.agency().id(),
                list(lines, total.toPlainString()), office.recorder().actor()));
        PaymentBatch batch = money.approved2(office, List.of(recorded.id()));
        assertThat(batch.itemCount()).isEqualTo(10_000);
        assertThat(batch.total()).isEqualByComparingTo(total);

        // The bank settles the group and rejects three lines by name.
        List<Payment> rejected = List.of(batch.payments().get(0), batch.payments().get(4_999),
                batch.payments().get(9_999));
        BankResults results = withdrawals.importBankResults(batch.id(), BankFiles.pain002(batch.messageId(), "ACSC",
                rejected.stream().map(payment -> BankFiles.Status.rejected(payment, "AC04")).toList()),
                office.recorder().actor());

        BigDecimal back = rejected.stream().map(Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(List.of(results.paid(), results.failed())).containsExactly(9_997, 3);
        assertThat(balance("2101010101")).isEqualByComparingTo(back);
        assertThat(balance("2102040199")).isEqualByComparingTo("0");
        assertThat(budgets.line(office.budget().id()).orElseThrow().paid()).isEqualByComparingTo(total.subtract(back));
        assertThat(budgets.line(office.budget().id()).orElseThrow().committed()).isEqualByComparingTo(back);
        assertThat(withdrawals.find(recorded.id()).orElseThrow().state()).isEqualTo(WithdrawalState.PAYMENT_FAILED);
        assertThat(money.approved2(office, List.of(recorded.id())).payments()).hasSize(3);
    }

    @Test
    void aLineChangedAfterApproval1VoidsItAndAListThatDoesNotFitIsRefused() {
        Withdrawal recorded = money.approved1(office, withdrawals.record(office.agency().id(),
                list(payees("100.00", "200.00"), "300.00"), office.recorder().actor()));
        jdbc.update("update withdrawal_payee_line set account_number = '9999999999' where withdrawal_id = ?"
                + " and line_no = 2", recorded.id());
        refused(() -> withdrawals.askApproval2(List.of(recorded.id()), office.approver2().actor()),
                "withdrawal.approval1.void");

        refused(() -> withdrawals.record(office.agency().id(), list(payees("100.00", "200.00"), "250.00"),
                office.recorder().actor()), "payeeList.line");
        refused(() -> withdrawals.record(office.agency().id(), NewWithdrawal.forList(DocumentType.KB01, "x",
                new NewWithdrawal.Line(office.budget().id(), null, "x", null, new BigDecimal("100.00")),
                payees("100.00")), office.recorder().actor()), "payeeList.type");
        refused(() -> withdrawals.record(office.agency().id(), new NewWithdrawal(DocumentType.KB02, 0, null, "x",
                List.of(new NewWithdrawal.Line(office.budget().id(), null, "x", null, new BigDecimal("100.00"))),
                new BigDecimal("7.00"), null, null, payees("100.00")), office.recorder().actor()),
                "payeeList.deductions");
    }
}
