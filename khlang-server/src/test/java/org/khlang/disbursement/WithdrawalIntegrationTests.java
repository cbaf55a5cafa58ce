package org.khlang.disbursement;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.audit.AuditLog;
import org.khlang.authority.Right;
import org.khlang.authority.Rights;
import org.khlang.ledger.Ledger;
import org.khlang.ledger.PostedEntry;
import org.khlang.ledger.TrialBalance;
import org.khlang.shared.Actor;
import org.khlang.shared.KhlangProblem;
import org.khlang.softtoken.SoftTokens;
import org.khlang.support.IntegrationTest;
import org.khlang.support.MoneyFixtures;
import org.khlang.support.MoneyFixtures.Office;
import org.khlang.support.SoftTokenFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class WithdrawalIntegrationTests {

    @Autowired
    Withdrawals withdrawals;

    @Autowired
    Budgets budgets;

    @Autowired
    Payees payees;

    @Autowired
    Ledger ledger;

    @Autowired
    Rights rights;

    @Autowired
    SoftTokens softTokens;

    @Autowired
    MoneyFixtures money;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AuditLog audit;

    @Autowired
    org.khlang.support.MutableClock clock;

    @org.junit.jupiter.api.AfterEach
    void resetClock() {
        clock.reset();
    }

    @LocalServerPort
    int port;

    Office office;

    @BeforeEach
    void office() {
        office = money.office("34", URI.create("http://localhost:" + port), "100000.00");
    }

    BudgetLine budget() {
        return budgets.line(office.budget().id()).orElseThrow();
    }

    static void refused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(KhlangProblem.class,
                problem -> assertThat(problem.code()).isEqualTo(code));
    }

    @Test
    @Tag("R6")
    @Tag("R13")
    void aWithdrawalGoesFromRecordingThroughTwoSignedApprovalsToPaidWithBalancedEntries() {
        Withdrawal recorded = money.recorded(office, "12500.50");
        assertThat(recorded.state()).isEqualTo(WithdrawalState.RECORDED);
        assertThat(recorded.number()).matches("KB02-" + money.fiscalYear() + "-\\d{6}");
        assertThat(budget().reserved()).isEqualByComparingTo("12500.50");

        Withdrawal approved = money.approved1(office, recorded);
        assertThat(approved.state()).isEqualTo(WithdrawalState.WITHDRAWAL_APPROVED);
        assertThat(approved.approval1By()).isEqualTo(office.approver1().accountId());
        assertThat(budget().reserved()).isEqualByComparingTo("0");
        assertThat(budget().committed()).isEqualByComparingTo("12500.50");

        // The payee is a juristic person: section 69 tri withholds 1% of 12,500.50 (125.01); the bank gets the net.
        assertThat(recorded.deductions().tax()).isEqualByComparingTo("125.01");
        PaymentBatch batch = money.approved2(office, List.of(recorded.id()));
        assertThat(batch.itemCount()).isEqualTo(1);
        assertThat(batch.total()).isEqualByComparingTo("12375.49");
        Payment payment = batch.payments().getFirst();
        assertThat(payment.state()).isEqualTo(Payment.State.SENT);
        assertThat(withdrawals.find(recorded.id()).orElseThrow().state()).isEqualTo(WithdrawalState.PAYMENT_APPROVED);
        String file = new String(withdrawals.paymentFile(batch.id(), office.recorder().actor()), StandardCharsets.UTF_8);
        assertThat(file).contains("pain.001.001.09", payment.endToEndId(), "<InstdAmt Ccy=\"THB\">12375.49</InstdAmt>",
                "<MmbId>006</MmbId>");

        BankResults results = withdrawals.importBankResults(batch.id(),
                ("end_to_end_id,status,reason\n" + payment.endToEndId() + ",ACSC,\n").getBytes(StandardCharsets.UTF_8),
                office.recorder().actor());

        assertThat(results.paid()).isEqualTo(1);
        assertThat(withdrawals.find(recorded.id()).orElseThrow().state()).isEqualTo(WithdrawalState.PAID);
        assertThat(budget().committed()).isEqualByComparingTo("0");
        assertThat(budget().paid()).isEqualByComparingTo("12500.50");
        assertThat(ledger.byReference(office.agency().id(), recorded.number())).extracting(PostedEntry::source)
                .containsExactly("withdrawal.approved", "payment.approved", "payment.paid");
        TrialBalance balance = ledger.trialBalance(office.agency().id(), LocalDate.now(money.clock()));
        assertThat(balance.balanced()).isTrue();
        assertThat(balance.rows()).filteredOn(row -> row.account().code().equals("5104010104")).singleElement()
                .satisfies(row -> assertThat(row.balance()).isEqualByComparingTo("12500.50"));
        assertThat(balance.rows()).filteredOn(row -> row.account().code().startsWith("21")
                        && !row.account().code().equals("2102040102"))
                .allSatisfy(row -> assertThat(row.balance()).isEqualByComparingTo("0"));
        assertThat(balance.rows()).filteredOn(row -> row.account().code().equals("2102040102")).singleElement()
                .satisfies(row -> assertThat(row.balance()).isEqualByComparingTo("125.01"));
        assertThat(withdrawals.verifyApprovals(recorded.id())).hasSize(2).allSatisfy(check -> {
            assertThat(check.valid()).isTrue();
            assertThat(check.deviceId()).isNotNull();
        });
        assertThat(audit.verify()).isInstanceOf(org.khlang.audit.ChainVerification.Intact.class);

        // The same result file again changes nothing: never paid twice.
        BankResults again = withdrawals.importBankResults(batch.id(),
                ("end_to_end_id,status,reason\n" + payment.endToEndId() + ",PAID,\n").getBytes(StandardCharsets.UTF_8),
                office.recorder().actor());
        assertThat(again.paid()).isZero();
        assertThat(budget().paid()).isEqualByComparingTo("12500.50");
        assertThat(ledger.byReference(office.agency().id(), recorded.number())).hasSize(3);
    }

    @Test
    @Tag("R13")
    void aFailedTransferReturnsTheMoneyAndCanBeApprovedAndPaidAgainOnce() {
        Withdrawal withdrawal = money.approved1(office, money.recorded(office, "800.00"));
        PaymentBatch first = money.approved2(office, List.of(withdrawal.id()));
        String e2e = first.payments().getFirst().endToEndId();

        BankResults failed = withdrawals.importBankResults(first.id(), ("end_to_end_id,status,reason\n" + e2e
                + ",RJCT,บัญชีปิดแล้ว\n").getBytes(StandardCharsets.UTF_8), office.recorder().actor());

        assertThat(failed.failed()).isEqualTo(1);
        assertThat(withdrawals.find(withdrawal.id()).orElseThrow().state()).isEqualTo(WithdrawalState.PAYMENT_FAILED);
        assertThat(budget().committed()).isEqualByComparingTo("800.00");
        List<PostedEntry> entries = ledger.byReference(office.agency().id(), withdrawal.number());
        assertThat(entries).extracting(PostedEntry::source)
                .containsExactly("withdrawal.approved", "payment.approved", "payment.approved.reversed");
        assertThat(ledger.trialBalance(office.agency().id(), LocalDate.now(money.clock())).rows())
                .filteredOn(row -> row.account().code().equals("2101010101")).singleElement()
                .satisfies(row -> assertThat(row.balance()).isEqualByComparingTo("800.00"));

        PaymentBatch second = money.approved2(office, List.of(withdrawal.id()));
        String e2eAgain = second.payments().getFirst().endToEndId();
        assertThat(e2eAgain).isNotEqualTo(e2e);
        withdrawals.importBankResults(second.id(), ("end_to_end_id,status,reason\n" + e2eAgain + ",PAID,\n")
                .getBytes(StandardCharsets.UTF_8), office.recorder().actor());
        assertThat(withdrawals.payments(withdrawal.id())).extracting(Payment::state)
                .containsExactly(Payment.State.FAILED, Payment.State.PAID);
        assertThat(budget().paid()).isEqualByComparingTo("800.00");
        // A paid document cannot be approved for payment again.
        refused(() -> withdrawals.askApproval2(List.of(withdrawal.id()), office.approver2().actor()),
                "withdrawal.state.of");
        // The database refuses a second live transfer of one withdrawal, whatever the code does.
        assertThatThrownBy(() -> jdbc.update("insert into payment (batch_id, withdrawal_id, end_to_end_id, amount,"
                + " bank_code, account_number, account_name, state, approved_by, entry_id, live)"
                + " select batch_id, withdrawal_id, 'DUP' || id, amount, bank_code, account_number, account_name, 'SENT',"
                + " approved_by, entry_id, 1 from payment where withdrawal_id = ? and state = 'PAID'", withdrawal.id()))
                .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
    }

    @Test
    @Tag("R10")
    void theRecorderCannotApproveTheirOwnDocument() {
        money.fixtures().grantMigrated(office.recorder().accountId(), Right.WITHDRAWAL_APPROVER, office.agency());
        Withdrawal withdrawal = money.recorded(office, "100.00");

        refused(() -> withdrawals.askApproval1(withdrawal.id(), office.recorder().actor()), "withdrawal.sod.recorder");
        assertThat(withdrawals.find(withdrawal.id()).orElseThrow().state()).isEqualTo(WithdrawalState.RECORDED);
    }

    @Test
    @Tag("R10")
    void approverOneCanNeverGiveApprovalTwoOfTheSameDocumentEvenAfterChangingRights() {
        Withdrawal withdrawal = money.approved1(office, money.recorded(office, "100.00"));
        LocalDate today = LocalDate.now(money.clock());
        Actor approver1 = office.approver1().actor();
        // The person's withdrawal right ends today; from tomorrow they approve payments (a new order).
        rights.end(approver1.accountId(), Right.WITHDRAWAL_APPROVER, office.agency().id(), today, "test",
                Actor.SYSTEM);
        clock.advance(java.time.Duration.ofDays(1));
        money.fixtures().grantMigrated(approver1.accountId(), Right.PAYMENT_APPROVER, office.agency());

        refused(() -> withdrawals.askApproval2(List.of(withdrawal.id()), approver1), "withdrawal.sod.sameApprover");
        assertThat(audit.latest(20)).anySatisfy(event -> {
            assertThat(event.action()).isEqualTo("disbursement.refused");
            assertThat(event.details()).contains("withdrawal.sod.sameApprover");
        });
    }

    @Test
    @Tag("R6")
    void approvalsAreRefusedWithoutTheRightForTheDocumentsAgency() {
        Office other = money.office("35", URI.create("http://localhost:" + port), "1000.00");
        Withdrawal withdrawal = money.recorded(office, "100.00");

        assertThatThrownBy(() -> withdrawals.askApproval1(withdrawal.id(), other.approver1().actor()))
                .isInstanceOfSatisfying(KhlangProblem.class, problem -> {
                    assertThat(problem.code()).isEqualTo("disbursement.right");
                    assertThat(problem.kind().httpStatus()).isEqualTo(403);
                });
        refused(() -> withdrawals.record(office.agency().id(), money.kb02(office, "1.00"), other.recorder().actor()),
                "disbursement.right");
        refused(() -> withdrawals.askApproval1(withdrawal.id(), office.approver2().actor()), "disbursement.right");
    }

    @Test
    @Tag("R6")
    void aSignatureFitsOnlyTheDocumentItWasGivenForAndOnlyOnce() {
        Withdrawal first = money.recorded(office, "100.00");
        Withdrawal second = money.recorded(office, "200.00");
        SigningRequest forFirst = withdrawals.askApproval1(first.id(), office.approver1().actor());
        SoftTokenFixtures.approveOnPhone(office.approver1().phone(), forFirst.confirmationId());

        refused(() -> withdrawals.approve1(second.id(), forFirst.confirmationId(), office.approver1().actor()),
                "withdrawal.confirmation.missing");
        withdrawals.approve1(first.id(), forFirst.confirmationId(), office.approver1().actor());
        refused(() -> withdrawals.approve1(first.id(), forFirst.confirmationId(), office.approver1().actor()),
                "withdrawal.state.of");
        assertThat(withdrawals.find(second.id()).orElseThrow().state()).isEqualTo(WithdrawalState.RECORDED);
        assertThat(ledger.byReference(office.agency().id(), second.number())).isEmpty();
    }

    @Test
    @Tag("R6")
    void anApprovalSignedByAPhoneSuspendedSinceIsRefused() {
        Withdrawal withdrawal = money.recorded(office, "100.00");
        SigningRequest request = withdrawals.askApproval1(withdrawal.id(), office.approver1().actor());
        SoftTokenFixtures.approveOnPhone(office.approver1().phone(), request.confirmationId());
        softTokens.suspend(office.approver1().accountId(), "lost", Actor.SYSTEM);

        refused(() -> withdrawals.approve1(withdrawal.id(), request.confirmationId(), office.approver1().actor()),
                "withdrawal.confirmation.missing");
        assertThat(withdrawals.find(withdrawal.id()).orElseThrow().state()).isEqualTo(WithdrawalState.RECORDED);
        assertThat(budget().committed()).isEqualByComparingTo("0");
    }

    @Test
    @Tag("R6")
    @Tag("R14")
    void aDocumentChangedAfterSigningVoidsItsApproval() {
        Withdrawal withdrawal = money.approved1(office, money.recorded(office, "300.00"));
        jdbc.update("update withdrawal_line set amount = 3000.00 where withdrawal_id = ?", withdrawal.id());
        jdbc.update("update withdrawal set total = 3000.00 where id = ?", withdrawal.id());

        refused(() -> withdrawals.askApproval2(List.of(withdrawal.id()), office.approver2().actor()),
                "withdrawal.approval1.void");
        ApprovalCheck check = withdrawals.verifyApprovals(withdrawal.id()).getFirst();
        assertThat(check.signatureValid()).isTrue();
        assertThat(check.contentUnchanged()).isFalse();
        assertThat(check.valid()).isFalse();
    }

    @Test
    @Tag("R6")
    void attachmentsArePartOfWhatApprovalOneSignsAndOnlyRealPdfsOrImagesAreTaken() {
        Withdrawal withdrawal = money.recorded(office, "450.00");
        Attachment invoice = withdrawals.attach(withdrawal.id(), "../../ใบแจ้งหนี้.pdf", org.khlang.support.Fixtures.SAMPLE_PDF,
                office.recorder().actor());
        assertThat(invoice.fileName()).isEqualTo("ใบแจ้งหนี้.pdf");
        assertThat(invoice.contentType()).isEqualTo("application/pdf");
        refused(() -> withdrawals.attach(withdrawal.id(), "invoice.pdf", "MZ\u0090 not a pdf".getBytes(),
                office.recorder().actor()), "attachment.type");
        refused(() -> withdrawals.attach(withdrawal.id(), "empty.pdf", new byte[0], office.recorder().actor()),
                "attachment.required");

        money.approved1(office, withdrawal);
        refused(() -> withdrawals.attach(withdrawal.id(), "late.pdf", org.khlang.support.Fixtures.SAMPLE_PDF,
                office.recorder().actor()), "withdrawal.state.of");
        // A file slipped in after signing (bypassing the application) voids approval 1.
        jdbc.update("insert into withdrawal_attachment (withdrawal_id, file_name, content_type, sha256, size_bytes,"
                + " content, uploaded_by, uploaded_at) select withdrawal_id, 'extra.pdf', content_type, ?, size_bytes,"
                + " content, uploaded_by, uploaded_at from withdrawal_attachment where id = ?", "f".repeat(64),
                invoice.id());
        refused(() -> withdrawals.askApproval2(List.of(withdrawal.id()), office.approver2().actor()),
                "withdrawal.approval1.void");
    }

    @Test
    @Tag("R13")
    void aRequestBeyondTheAllotmentIsRefusedAndNothingIsSaved() {
        money.recorded(office, "99999.00");
        long before = jdbc.queryForObject("select count(*) from withdrawal where agency_id = ?", Long.class,
                office.agency().id());

        assertThatThrownBy(() -> money.recorded(office, "1.01")).isInstanceOfSatisfying(KhlangProblem.class,
                problem -> {
                    assertThat(problem.code()).isEqualTo("budget.insufficient");
                    assertThat(problem.arguments()).contains("1.00", "1.01");
                });
        assertThat(jdbc.queryForObject("select count(*) from withdrawal where agency_id = ?", Long.class,
                office.agency().id())).isEqualTo(before);
        assertThat(budget().reserved()).isEqualByComparingTo("99999.00");
        money.recorded(office, "1.00");
        assertThat(budget().available()).isEqualByComparingTo("0");
    }

    @Test
    @Tag("R13")
    void correctingAndCancellingMoveTheReservationAndOnlyBeforeApproval() {
        Withdrawal withdrawal = money.recorded(office, "500.00");
        Withdrawal corrected = withdrawals.correct(withdrawal.id(), money.kb02(office, "650.25"),
                office.recorder().actor());
        assertThat(corrected.total()).isEqualByComparingTo("650.25");
        assertThat(budget().reserved()).isEqualByComparingTo("650.25");

        withdrawals.cancel(withdrawal.id(), office.recorder().actor());
        assertThat(budget().reserved()).isEqualByComparingTo("0");
        refused(() -> withdrawals.cancel(withdrawal.id(), office.recorder().actor()), "withdrawal.state.of");

        Withdrawal approved = money.approved1(office, money.recorded(office, "10.00"));
        refused(() -> withdrawals.correct(approved.id(), money.kb02(office, "1.00"), office.recorder().actor()),
                "withdrawal.state.of");
        refused(() -> withdrawals.cancel(approved.id(), office.recorder().actor()), "withdrawal.state.of");
    }

    @Test
    void recordingRefusesIncompleteDocumentsWithAClearReason() {
        refused(() -> withdrawals.record(office.agency().id(), new NewWithdrawal(DocumentType.KB01,
                office.payee().id(), null, "ซื้อวัสดุ", money.kb02(office, "1.00").lines()),
                office.recorder().actor()), "withdrawal.purchaseOrder.required");
        refused(() -> withdrawals.record(office.agency().id(), new NewWithdrawal(DocumentType.KB02,
                office.payee().id(), null, "ซื้อวัสดุ", List.of()), office.recorder().actor()), "withdrawal.lines");
        refused(() -> withdrawals.record(office.agency().id(), new NewWithdrawal(DocumentType.KB02,
                office.payee().id(), null, "ซื้อวัสดุ", List.of(new NewWithdrawal.Line(office.budget().id(), null,
                "x", null, new BigDecimal("-5.00")))), office.recorder().actor()), "withdrawal.line.amount.positive");
        refused(() -> withdrawals.record(office.agency().id(), new NewWithdrawal(DocumentType.KB03,
                office.payee().id(), null, "คืนเงินประกัน", List.of(new NewWithdrawal.Line(null, "5104010104", "x",
                null, BigDecimal.TEN))), office.recorder().actor()), "withdrawal.line.deposit");
        Withdrawal deposit = withdrawals.record(office.agency().id(), new NewWithdrawal(DocumentType.KB03,
                office.payee().id(), null, "คืนเงินประกันสัญญา", List.of(new NewWithdrawal.Line(null, "2111020199",
                "เงินประกันสัญญา", null, new BigDecimal("5000.00")))), office.recorder().actor());
        assertThat(deposit.number()).startsWith("KB03-");
        assertThat(budget().reserved()).isEqualByComparingTo("0");
    }

    @Test
    @Tag("R13")
    void ofFiftyConcurrentApprovalsOfOneDocumentExactlyOneSucceeds() throws Exception {
        Withdrawal withdrawal = money.recorded(office, "700.00");
        List<String> confirmations = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            SigningRequest request = withdrawals.askApproval1(withdrawal.id(), office.approver1().actor());
            SoftTokenFixtures.approveOnPhone(office.approver1().phone(), request.confirmationId());
            confirmations.add(request.confirmationId());
        }
        List<Callable<Boolean>> tasks = confirmations.stream().<Callable<Boolean>>map(id -> () -> {
            try {
                withdrawals.approve1(withdrawal.id(), id, office.approver1().actor());
                return true;
            } catch (KhlangProblem refused) {
                return false;
            }
        }).toList();
        int succeeded = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (Future<Boolean> outcome : pool.invokeAll(tasks)) {
                succeeded += outcome.get() ? 1 : 0;
            }
        }
        assertThat(succeeded).isEqualTo(1);
        assertThat(ledger.byReference(office.agency().id(), withdrawal.number())).hasSize(1);
        assertThat(budget().committed()).isEqualByComparingTo("700.00");
    }

    @Test
    @Tag("R13")
    void concurrentRequestsNeverOverCommitABudgetLine() throws Exception {
        Office small = money.office("36", URI.create("http://localhost:" + port), "1000.00");
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            tasks.add(() -> {
                try {
                    money.recorded(small, "100.00");
                    return true;
                } catch (KhlangProblem refused) {
                    assertThat(refused.code()).isEqualTo("budget.insufficient");
                    return false;
                }
            });
        }
        int succeeded = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(12)) {
            for (Future<Boolean> outcome : pool.invokeAll(tasks)) {
                succeeded += outcome.get() ? 1 : 0;
            }
        }
        assertThat(succeeded).isEqualTo(10);
        assertThat(budgets.line(small.budget().id()).orElseThrow().reserved()).isEqualByComparingTo("1000.00");
        assertThat(jdbc.queryForObject("select count(distinct doc_number) from withdrawal where agency_id = ?",
                Long.class, small.agency().id())).isEqualTo(10);
    }

    @Test
    @Tag("R13")
    void everyJournalEntryInTheDatabaseBalances() {
        money.approved2(office, List.of(money.approved1(office, money.recorded(office, "42.42")).id()));
        assertThat(jdbc.queryForObject("""
                select count(*) from journal_entry e
                where e.total <> (select sum(debit) from journal_line l where l.entry_id = e.id)
                   or e.total <> (select sum(credit) from journal_line l where l.entry_id = e.id)""", Long.class))
                .isZero();
    }
}
