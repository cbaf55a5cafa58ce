package org.khlang.benchmarks;

import java.math.BigDecimal;
import java.net.URI;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.khlang.authenticator.KhlangAuthenticator;
import org.khlang.authenticator.PendingRequest;
import org.khlang.disbursement.BankAccount;
import org.khlang.disbursement.BankResults;
import org.khlang.disbursement.BudgetLine;
import org.khlang.disbursement.Budgets;
import org.khlang.disbursement.DocumentType;
import org.khlang.disbursement.FiscalYears;
import org.khlang.disbursement.NewBudgetLine;
import org.khlang.disbursement.NewPayee;
import org.khlang.disbursement.NewWithdrawal;
import org.khlang.disbursement.Payee;
import org.khlang.disbursement.PayeeKind;
import org.khlang.disbursement.PayeeLine;
import org.khlang.disbursement.PaymentBatch;
import org.khlang.disbursement.Payees;
import org.khlang.disbursement.SigningRequest;
import org.khlang.disbursement.Withdrawal;
import org.khlang.disbursement.Withdrawals;
import org.khlang.ledger.JournalEntry;
import org.khlang.ledger.JournalLine;
import org.khlang.ledger.Ledger;
import org.khlang.shared.Actor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

import static org.khlang.benchmarks.Bench.actor;
import static org.khlang.benchmarks.Bench.agencyOf;
import static org.khlang.benchmarks.Bench.bindPhone;
import static org.khlang.benchmarks.Bench.print;

/**
 * Money targets of design.md section 8 on PostgreSQL, with the application in this JVM (dev profile, its demo
 * agency อบต.บ้านใหม่ and its recorder and two approvers, whose phones are reference authenticators):
 * <ul>
 *   <li>a signed batch approval of N payments (default 10,000): the manifest request to the phone, the phone's
 *   signature, then approval 2 — R10 checks and approval-1 hashes of every document, the journal entries, the
 *   payments and the pain.001 file, validated against its schema — timed from the request to the file;</li>
 *   <li>journal posting: balanced two-line entries posted in batches in one transaction, lines per second.</li>
 * </ul>
 * Setting up the N documents (recorded and given approval 1 one by one on the phone) is not timed.
 */
public final class MoneyBenchmark {

    private static final int PAYMENTS = Integer.parseInt(System.getenv().getOrDefault("KHLANG_BENCH_PAYMENTS",
            "10000"));
    private static final int JOURNAL_ENTRIES = Integer.parseInt(System.getenv().getOrDefault(
            "KHLANG_BENCH_JOURNAL_ENTRIES", "50000"));

    private MoneyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Bench.Database database = Bench.Database.fromEnvironment().cleaned();
        try (ConfigurableApplicationContext context = Bench.node(database)) {
            URI base = URI.create("http://localhost:18090");
            DataSource data = context.getBean(DataSource.class);
            Actor recorder;
            Actor approver1;
            Actor approver2;
            KhlangAuthenticator phone1;
            KhlangAuthenticator phone2;
            long agencyId;
            try (Connection connection = data.getConnection()) {
                recorder = actor(connection, "7003012345-01");
                approver1 = actor(connection, "7003012345-02");
                approver2 = actor(connection, "7003012345-03");
                phone1 = bindPhone(base, connection, approver1.accountId(), "BNCH-0000-0000-0011", "benchmark phone");
                phone2 = bindPhone(base, connection, approver2.accountId(), "BNCH-0000-0000-0012", "benchmark phone");
                agencyId = agencyOf(connection, recorder);
            }

            Budgets budgets = context.getBean(Budgets.class);
            Payees payees = context.getBean(Payees.class);
            Withdrawals withdrawals = context.getBean(Withdrawals.class);
            int year = FiscalYears.of(LocalDate.now());
            BudgetLine line = budgets.create(agencyId, new NewBudgetLine(year, "BENCH" + year, String.format("%02d",
                    year % 100) + "99000", "5104010110", "benchmark", new BigDecimal("9999999999.00")), recorder);
            Payee payee = payees.register(agencyId, new NewPayee(PayeeKind.FIRM, "บริษัท ทดสอบความเร็ว จำกัด",
                    "0105561000011", new BankAccount("006", "9876543210", "บจก. ทดสอบความเร็ว")), recorder);

            long setUp = System.nanoTime();
            List<Long> ids = new ArrayList<>(PAYMENTS);
            for (int i = 0; i < PAYMENTS; i++) {
                long id = withdrawals.record(agencyId, new NewWithdrawal(DocumentType.KB02, payee.id(), null,
                        "ค่าน้ำมันเชื้อเพลิง " + i, List.of(new NewWithdrawal.Line(line.id(), null, "น้ำมัน",
                        "B-" + i, new BigDecimal(100 + i + ".25")))), recorder).id();
                SigningRequest request = withdrawals.askApproval1(id, approver1);
                approve(phone1, request.confirmationId());
                withdrawals.approve1(id, request.confirmationId(), approver1);
                ids.add(id);
            }
            print("set-up: documents recorded and given approval 1", "%d in %.1f s (not timed below)", PAYMENTS,
                    (System.nanoTime() - setUp) / 1e9);

            long start = System.nanoTime();
            SigningRequest request = withdrawals.askApproval2(ids, approver2);
            long asked = System.nanoTime();
            approve(phone2, request.confirmationId());
            long signed = System.nanoTime();
            PaymentBatch batch = withdrawals.approve2(ids, request.confirmationId(), approver2);
            long done = System.nanoTime();
            byte[] file = withdrawals.paymentFile(batch.id(), recorder);
            print("signed batch approval 2 of " + PAYMENTS + " payments", "%.2f s (target < 5 s)",
                    (done - start) / 1e9);
            print("  manifest and signing request", "%.2f s", (asked - start) / 1e9);
            print("  the phone's signature (over loopback)", "%.2f s", (signed - asked) / 1e9);
            print("  approval 2: checks, posting, payments, pain.001", "%.2f s (%d entries, file %d KiB)",
                    (done - signed) / 1e9, batch.itemCount(), file.length / 1024);

            payeeList(withdrawals, agencyId, line, recorder, approver1, approver2, phone1, phone2);

            Ledger ledger = context.getBean(Ledger.class);
            TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
            List<JournalEntry> entries = new ArrayList<>(1000);
            for (int i = 0; i < 1000; i++) {
                BigDecimal amount = new BigDecimal(1 + i % 5000 + ".50");
                entries.add(new JournalEntry(agencyId, LocalDate.now(), "bench", "BENCH-" + i, "benchmark",
                        List.of(JournalLine.debit("5104010110", amount), JournalLine.credit("2101010101", amount))));
            }
            for (int warm = 0; warm < 3; warm++) {
                transactions.executeWithoutResult(status -> ledger.postAll(entries, recorder));
            }
            long posting = System.nanoTime();
            for (int posted = 0; posted < JOURNAL_ENTRIES; posted += entries.size()) {
                transactions.executeWithoutResult(status -> ledger.postAll(entries, recorder));
            }
            double seconds = (System.nanoTime() - posting) / 1e9;
            print("journal posting, 1,000 two-line entries per transaction", "%,.0f lines/s (target >= 10,000)",
                    JOURNAL_ENTRIES * 2 / seconds);
            long single = System.nanoTime();
            int singles = 2000;
            for (int i = 0; i < singles; i++) {
                JournalEntry one = entries.get(i % entries.size());
                transactions.executeWithoutResult(status -> ledger.post(one, recorder));
            }
            print("journal posting, one entry per transaction", "%,.0f lines/s",
                    singles * 2 / ((System.nanoTime() - single) / 1e9));
        }
    }

    /**
     * One ขบ02 document that pays a list of 10,000 payees (issue 19): recorded, approval 1, then approval 2 with its
     * 10,000 transfers in pain.001 (the goal: under 5 s), and the bank's status report that rejects one line.
     */
    private static void payeeList(Withdrawals withdrawals, long agencyId, BudgetLine line, Actor recorder,
                                  Actor approver1, Actor approver2, KhlangAuthenticator phone1,
                                  KhlangAuthenticator phone2) {
        int count = PAYMENTS;
        List<PayeeLine> payees = new ArrayList<>(count);
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 1; i <= count; i++) {
            BigDecimal amount = new BigDecimal(240 + i % 500 + ".50");
            payees.add(new PayeeLine(i, "ผู้รับเบี้ยเลี้ยง ลำดับที่ " + i, null,
                    new BankAccount(i % 2 == 0 ? "006" : "030", i % 2 == 0 ? String.format("%010d", i)
                            : String.format("%012d", i), "ผู้รับเบี้ยเลี้ยง ลำดับที่ " + i), amount));
            total = total.add(amount);
        }
        long start = System.nanoTime();
        Withdrawal recorded = withdrawals.record(agencyId, NewWithdrawal.forList(DocumentType.KB02,
                "เบี้ยเลี้ยงผู้เข้าอบรม", new NewWithdrawal.Line(line.id(), null, "เบี้ยเลี้ยง", null, total), payees),
                recorder);
        long recordedAt = System.nanoTime();
        SigningRequest first = withdrawals.askApproval1(recorded.id(), approver1);
        approve(phone1, first.confirmationId());
        withdrawals.approve1(recorded.id(), first.confirmationId(), approver1);
        long approved1 = System.nanoTime();
        SigningRequest second = withdrawals.askApproval2(List.of(recorded.id()), approver2);
        approve(phone2, second.confirmationId());
        PaymentBatch batch = withdrawals.approve2(List.of(recorded.id()), second.confirmationId(), approver2);
        long approved2 = System.nanoTime();
        StringBuilder report = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns=\""
                + "urn:iso:std:iso:20022:tech:xsd:pain.002.001.10\"><CstmrPmtStsRpt><GrpHdr><MsgId>BENCH-PSR</MsgId>"
                + "<CreDtTm>2026-12-08T09:00:00+07:00</CreDtTm></GrpHdr><OrgnlGrpInfAndSts><OrgnlMsgId>")
                .append(batch.messageId()).append("</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.09</OrgnlMsgNmId>"
                        + "<GrpSts>ACSC</GrpSts></OrgnlGrpInfAndSts><OrgnlPmtInfAndSts><OrgnlPmtInfId>")
                .append(batch.messageId()).append("</OrgnlPmtInfId><TxInfAndSts><OrgnlEndToEndId>")
                .append(batch.payments().get(16).endToEndId()).append("</OrgnlEndToEndId><TxSts>RJCT</TxSts>"
                        + "<StsRsnInf><Rsn><Cd>AC04</Cd></Rsn></StsRsnInf></TxInfAndSts></OrgnlPmtInfAndSts>"
                        + "</CstmrPmtStsRpt></Document>");
        BankResults results = withdrawals.importBankResults(batch.id(),
                report.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), recorder);
        long imported = System.nanoTime();
        print("one document of " + count + " payees: recorded", "%.2f s", (recordedAt - start) / 1e9);
        print("  approval 1 (the list's SHA-256 signed)", "%.2f s", (approved1 - recordedAt) / 1e9);
        print("  approval 2 with " + batch.itemCount() + " transfers and pain.001", "%.2f s (target < 5 s)",
                (approved2 - approved1) / 1e9);
        print("  pain.002 with one line rejected", "%.2f s (%d paid, %d failed; state %s)",
                (imported - approved2) / 1e9, results.paid(), results.failed(),
                withdrawals.find(recorded.id()).orElseThrow().state());
    }

    private static void approve(KhlangAuthenticator phone, String requestId) {
        PendingRequest request = phone.pending().stream().filter(candidate -> candidate.id().equals(requestId))
                .findFirst().orElseThrow(() -> new IllegalStateException("request not on the phone: " + requestId));
        if (!phone.approve(request, null).approved()) {
            throw new IllegalStateException("the phone's approval was refused");
        }
    }

}
