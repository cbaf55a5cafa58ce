package org.khlang.disbursement;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.audit.AuditLog;
import org.khlang.ledger.Ledger;
import org.khlang.ledger.TrialBalance;
import org.khlang.support.BankFiles;
import org.khlang.support.BankFiles.Booking;
import org.khlang.support.BankFiles.Status;
import org.khlang.support.IntegrationTest;
import org.khlang.support.MoneyFixtures;
import org.khlang.support.MoneyFixtures.Office;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Bank results as ISO 20022 files, applied on PostgreSQL through the ledger, the budget and the audit log. */
@IntegrationTest
class Iso20022ResultIntegrationTests {

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

    @Autowired
    AuditLog audit;

    @LocalServerPort
    int port;

    Office office;

    @BeforeEach
    void office() {
        office = money.office("35", URI.create("http://localhost:" + port), "100000.00");
    }

    PaymentBatch batchOf(String... amounts) {
        List<Long> ids = new java.util.ArrayList<>();
        for (String amount : amounts) {
            ids.add(money.approved1(office, money.recorded(office, amount)).id());
        }
        return money.approved2(office, ids);
    }

    Map<String, Object> counts() {
        return jdbc.queryForMap("select (select count(*) from journal_entry where agency_id = ?) as entries,"
                        + " (select count(*) from payment p join payment_batch b on b.id = p.batch_id"
                        + "  where b.agency_id = ? and p.state = 'SENT') as sent",
                office.agency().id(), office.agency().id());
    }

    @Test
    @Tag("R13")
    void aStatusReportPaysFailsAndLeavesOnTheWayAndTheSameReportAgainChangesNothing() {
        PaymentBatch batch = batchOf("1000.00", "2500.25", "300.00");
        List<Payment> payments = batch.payments();
        byte[] report = BankFiles.pain002(batch.messageId(), "PART", List.of(Status.of(payments.get(0), "ACCC"),
                Status.rejected(payments.get(1), "AC04"), Status.of(payments.get(2), "ACSP")));

        BankResults results = withdrawals.importBankResults(batch.id(), report, office.recorder().actor());

        assertThat(results.errors()).isEmpty();
        assertThat(List.of(results.paid(), results.failed(), results.pending())).containsExactly(1, 1, 1);
        assertThat(withdrawals.payments(payments.get(1).withdrawalId())).singleElement().satisfies(payment -> {
            assertThat(payment.state()).isEqualTo(Payment.State.FAILED);
            assertThat(payment.resultReason()).startsWith("AC04 บัญชีปิดแล้ว");
        });
        assertThat(withdrawals.find(payments.get(1).withdrawalId()).orElseThrow().state())
                .isEqualTo(WithdrawalState.PAYMENT_FAILED);
        assertThat(withdrawals.find(payments.get(2).withdrawalId()).orElseThrow().state())
                .isEqualTo(WithdrawalState.PAYMENT_APPROVED);
        TrialBalance balance = ledger.trialBalance(office.agency().id(), LocalDate.now(money.clock()));
        assertThat(balance.balanced()).isTrue();
        // The rejected transfer's money is owed to the payee again; the one on the way is still in transit.
        assertThat(balance.rows()).filteredOn(row -> row.account().code().equals("2101010101")).singleElement()
                .satisfies(row -> assertThat(row.balance()).isEqualByComparingTo("2500.25"));
        assertThat(budgets.line(office.budget().id()).orElseThrow().paid()).isEqualByComparingTo("1000.00");

        Map<String, Object> before = counts();
        BankResults again = withdrawals.importBankResults(batch.id(), report, office.recorder().actor());
        assertThat(List.of(again.paid(), again.failed(), again.pending())).containsExactly(0, 0, 1);
        assertThat(counts()).isEqualTo(before);

        // The bank's later notification books the last one.
        BankResults booked = withdrawals.importBankResults(batch.id(), BankFiles.camt054(batch.messageId(),
                office.agency().code().value(), List.of(Booking.debit(payments.get(0)), Booking.debit(payments.get(2)))),
                office.recorder().actor());
        assertThat(List.of(booked.paid(), booked.failed(), booked.pending())).containsExactly(1, 0, 0);
        assertThat(budgets.line(office.budget().id()).orElseThrow().paid()).isEqualByComparingTo("1300.00");
        assertThat(ledger.trialBalance(office.agency().id(), LocalDate.now(money.clock())).balanced()).isTrue();
        assertThat(jdbc.queryForList("select details from audit_event where target = ? and action = ?"
                        + " order by seq", String.class, "payment-batch:" + batch.id(),
                "disbursement.payment.resultsImported")).hasSize(3)
                .satisfies(events -> {
                    assertThat(events.get(0)).contains("pain.002.001.10");
                    assertThat(events.get(2)).contains("camt.054.001.08");
                });
        assertThat(audit.verify()).isInstanceOf(org.khlang.audit.ChainVerification.Intact.class);
    }

    @Test
    @Tag("R13")
    void aReturnInTheNotificationFailsOnlyItsOwnTransferAndReturnsItsMoney() {
        PaymentBatch batch = batchOf("700.00", "450.50");
        List<Payment> payments = batch.payments();

        BankResults results = withdrawals.importBankResults(batch.id(), BankFiles.camt054(batch.messageId(),
                office.agency().code().value(), List.of(Booking.debit(payments.get(0)), Booking.debit(payments.get(1)),
                        Booking.returned(payments.get(1), "MD07"))), office.recorder().actor());

        assertThat(List.of(results.paid(), results.failed())).containsExactly(1, 1);
        assertThat(withdrawals.find(payments.get(0).withdrawalId()).orElseThrow().state())
                .isEqualTo(WithdrawalState.PAID);
        assertThat(withdrawals.payments(payments.get(1).withdrawalId())).singleElement()
                .satisfies(payment -> assertThat(payment.resultReason()).startsWith("MD07 เจ้าของบัญชีถึงแก่กรรม"));
        assertThat(ledger.trialBalance(office.agency().id(), LocalDate.now(money.clock())).rows())
                .filteredOn(row -> row.account().code().equals("2101010101")).singleElement()
                .satisfies(row -> assertThat(row.balance()).isEqualByComparingTo("450.50"));
    }

    @Test
    @Tag("R13")
    void aFileWithAnyBadTransactionAppliesNothingAndListsEveryProblem() {
        PaymentBatch batch = batchOf("100.00", "200.00");
        List<Payment> payments = batch.payments();
        Payment stranger = new Payment(0, batch.id(), 0, "W0A9", payments.get(0).amount(), payments.get(0).account(),
                Payment.State.SENT, 0, null, null);
        Map<String, Object> before = counts();

        BankResults results = withdrawals.importBankResults(batch.id(), BankFiles.pain002(batch.messageId(), null,
                List.of(Status.of(payments.get(0), "ACSC"), Status.of(stranger, "ACSC"),
                        new Status(payments.get(1), "ACSC", null, new java.math.BigDecimal("2000.00")))),
                office.recorder().actor());

        assertThat(results.applied()).isFalse();
        assertThat(results.errors()).extracting(error -> error.code())
                .containsExactly("payment.result.unknown", "payment.result.amount");
        assertThat(counts()).isEqualTo(before);
        assertThat(withdrawals.find(payments.get(0).withdrawalId()).orElseThrow().state())
                .isEqualTo(WithdrawalState.PAYMENT_APPROVED);

        String broken = new String(BankFiles.pain002(batch.messageId(), null, List.of(Status.of(payments.get(0),
                "ACSC"))), StandardCharsets.UTF_8).replace("<OrgnlMsgNmId>pain.001.001.09</OrgnlMsgNmId>", "");
        BankResults invalid = withdrawals.importBankResults(batch.id(), broken.getBytes(StandardCharsets.UTF_8),
                office.recorder().actor());
        assertThat(invalid.errors()).extracting(error -> error.code()).containsOnly("payment.result.schema");
        assertThat(counts()).isEqualTo(before);
    }
}
