package org.khlang.benchmarks;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.khlang.authenticator.KhlangAuthenticator;
import org.khlang.disbursement.BankAccount;
import org.khlang.disbursement.BudgetLine;
import org.khlang.disbursement.Budgets;
import org.khlang.disbursement.DocumentType;
import org.khlang.disbursement.FiscalYears;
import org.khlang.disbursement.NewBudgetLine;
import org.khlang.disbursement.NewPayee;
import org.khlang.disbursement.NewWithdrawal;
import org.khlang.disbursement.Payee;
import org.khlang.disbursement.PayeeKind;
import org.khlang.disbursement.Payees;
import org.khlang.disbursement.PaymentBatch;
import org.khlang.disbursement.SigningRequest;
import org.khlang.disbursement.Withdrawal;
import org.khlang.disbursement.Withdrawals;
import org.khlang.risk.ApprovalStage;
import org.khlang.risk.RiskChecks;
import org.khlang.risk.RiskSubject;
import org.khlang.shared.Actor;
import org.khlang.shared.CitizenId;
import org.springframework.context.ConfigurableApplicationContext;

import static org.khlang.benchmarks.Bench.actor;
import static org.khlang.benchmarks.Bench.agencyOf;
import static org.khlang.benchmarks.Bench.bindPhone;
import static org.khlang.benchmarks.Bench.print;

/**
 * What the fraud rules cost approval 2 of a 10,000-payment batch (issue 20: less than 10 %), side by side in one run:
 * 10,000 documents to 2,000 payees (five each, no two alike, as a big agency's month is) are given approval 1. Two
 * nodes run at once on the same database, one with the rules off ({@code khlang.risk.enabled=false}), one with
 * them on; in turns, each approves the same 10,000 documents for payment, and the bank then rejects the whole batch
 * (a CSV result, RJCT), which makes them wait for approval 2 again. Four rounds, off then on, on then off, and so on,
 * after a warm-up of 200 on each;
 * then the rules alone on the 10,000 documents, three times.
 */
public final class RiskBenchmark {

    private static final int DOCUMENTS = Integer.parseInt(System.getenv().getOrDefault("KHLANG_BENCH_PAYMENTS",
            "10000"));
    private static final int WARM_UP = 200;
    private static final int PAYEES = 2000;
    private static final int ROUNDS = 4;

    private RiskBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Bench.Database database = Bench.Database.fromEnvironment().cleaned();
        URI base = URI.create("http://localhost:18090");
        List<Long> warmUp;
        List<Long> documents;
        KhlangAuthenticator payer;
        Actor approver2;
        Actor recorder;
        try (ConfigurableApplicationContext context = Bench.node(database)) {
            Actor approver1;
            KhlangAuthenticator phone1;
            long agencyId;
            try (Connection connection = database.connect()) {
                recorder = actor(connection, "7003012345-01");
                approver1 = actor(connection, "7003012345-02");
                approver2 = actor(connection, "7003012345-03");
                phone1 = bindPhone(base, connection, approver1.accountId(), "RISK-0000-0000-0001", "risk phone");
                payer = bindPhone(base, connection, approver2.accountId(), "RISK-0000-0000-0002", "risk phone");
                agencyId = agencyOf(connection, recorder);
            }
            Budgets budgets = context.getBean(Budgets.class);
            Payees payees = context.getBean(Payees.class);
            Withdrawals withdrawals = context.getBean(Withdrawals.class);
            int year = FiscalYears.of(LocalDate.now());
            BudgetLine line = budgets.create(agencyId, new NewBudgetLine(year, "RISK" + year, String.format("%02d",
                    year % 100) + "97000", "5104010110", "risk benchmark", new BigDecimal("9999999999.00")), recorder);
            List<Payee> firms = new ArrayList<>(PAYEES);
            for (int i = 0; i < PAYEES; i++) {
                String twelve = String.format("0105%08d", 10_000_000 + i);
                firms.add(payees.register(agencyId, new NewPayee(PayeeKind.FIRM, "บริษัท ผู้ขายลำดับที่ " + i + " จำกัด",
                        twelve + CitizenId.checkDigit(twelve), new BankAccount("006", String.format("%010d",
                        5_000_000_000L + i), "บจก. ผู้ขาย " + i)), recorder));
            }
            long setUp = System.nanoTime();
            warmUp = approved1(withdrawals, agencyId, line, firms, recorder, approver1, phone1, 0, WARM_UP);
            documents = approved1(withdrawals, agencyId, line, firms, recorder, approver1, phone1, WARM_UP, DOCUMENTS);
            print("set-up: documents recorded and given approval 1", "%d in %.1f s (not timed below)",
                    WARM_UP + DOCUMENTS, (System.nanoTime() - setUp) / 1e9);
        }
        try (ConfigurableApplicationContext off = Bench.node(database, 18090, "--khlang.risk.enabled=false");
             ConfigurableApplicationContext on = Bench.node(database, 18092, "--khlang.risk.enabled=true")) {
            Withdrawals withoutRules = off.getBean(Withdrawals.class);
            Withdrawals withRules = on.getBean(Withdrawals.class);
            KhlangAuthenticator payerOn = payer.withServer(URI.create("http://localhost:18092"));
            for (int warm = 0; warm < 2; warm++) {
                roundTrip(database, withoutRules, warmUp, approver2, payer, recorder);
                roundTrip(database, withRules, warmUp, approver2, payerOn, recorder);
            }
            double[] timesOff = new double[ROUNDS];
            double[] timesOn = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                // the order alternates, so that neither node always runs on what the other left behind
                if (round % 2 == 0) {
                    timesOff[round] = roundTrip(database, withoutRules, documents, approver2, payer, recorder);
                    timesOn[round] = roundTrip(database, withRules, documents, approver2, payerOn, recorder);
                } else {
                    timesOn[round] = roundTrip(database, withRules, documents, approver2, payerOn, recorder);
                    timesOff[round] = roundTrip(database, withoutRules, documents, approver2, payer, recorder);
                }
                print("round " + (round + 1) + (round % 2 == 0 ? " (off first)" : " (on first)") + ": approval 2, rules off / on",
                        "%.2f s / %.2f s (%+.1f %%)", timesOff[round], timesOn[round],
                        (timesOn[round] - timesOff[round]) / timesOff[round] * 100);
            }
            double meanOff = Arrays.stream(timesOff).average().orElseThrow();
            double meanOn = Arrays.stream(timesOn).average().orElseThrow();
            print("approval 2 of " + DOCUMENTS + " payments, mean of " + ROUNDS + " rounds, rules off / on",
                    "%.2f s / %.2f s (%+.1f %%, target < +10 %%)", meanOff, meanOn, (meanOn - meanOff) / meanOff * 100);
            RiskChecks risk = on.getBean(RiskChecks.class);
            List<RiskSubject> subjects = documents.stream().map(id -> subject(withRules.find(id).orElseThrow()))
                    .toList();
            double[] alone = new double[3];
            for (int i = 0; i < alone.length; i++) {
                long began = System.nanoTime();
                risk.assess(ApprovalStage.APPROVAL_2, approver2.accountId(), subjects);
                alone[i] = (System.nanoTime() - began) / 1e9;
            }
            Arrays.sort(alone);
            print("  the rules alone on the " + DOCUMENTS + " documents (median of 3)", "%.2f s", alone[1]);
        }
    }

    private static List<Long> approved1(Withdrawals withdrawals, long agencyId, BudgetLine line, List<Payee> firms,
                                        Actor recorder, Actor approver1, KhlangAuthenticator phone1, int from,
                                        int count) {
        List<Long> ids = new ArrayList<>(count);
        for (int serial = from; serial < from + count; serial++) {
            Payee payee = firms.get(serial % PAYEES);
            BigDecimal amount = new BigDecimal(1000 + serial + ".25");
            long id = withdrawals.record(agencyId, new NewWithdrawal(DocumentType.KB02, payee.id(), null,
                    "ค่าวัสดุ " + serial, List.of(new NewWithdrawal.Line(line.id(), null, "วัสดุ", "RB-" + serial,
                    amount))), recorder).id();
            SigningRequest request = withdrawals.askApproval1(id, approver1);
            BatchSetUp.approve(phone1, request.confirmationId(), null);
            withdrawals.approve1(id, request.confirmationId(), approver1);
            ids.add(id);
        }
        return ids;
    }

    /** Approval 2 of the documents, timed; then the bank rejects the batch, so that they wait for it again. */
    private static double roundTrip(Bench.Database database, Withdrawals withdrawals, List<Long> ids,
                                    Actor approver2, KhlangAuthenticator payer, Actor recorder) throws Exception {
        long start = System.nanoTime();
        SigningRequest request = withdrawals.askApproval2(ids, approver2);
        BatchSetUp.approve(payer, request.confirmationId(), null);
        PaymentBatch batch = withdrawals.approve2(ids, request.confirmationId(), approver2);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (batch.itemCount() != ids.size()) {
            throw new IllegalStateException("the batch holds " + batch.itemCount() + " payments");
        }
        StringBuilder rejected = new StringBuilder("end_to_end_id,status,reason\n");
        try (Connection connection = database.connect();
             PreparedStatement select = connection.prepareStatement(
                     "select end_to_end_id from payment where batch_id = ?")) {
            select.setLong(1, batch.id());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    rejected.append(rows.getString(1)).append(",RJCT,AC04\n");
                }
            }
        }
        withdrawals.importBankResults(batch.id(), rejected.toString().getBytes(StandardCharsets.UTF_8), recorder);
        return seconds;
    }

    private static RiskSubject subject(Withdrawal withdrawal) {
        return new RiskSubject(withdrawal.id(), withdrawal.agencyId(), withdrawal.displayNumber(), withdrawal.payeeId(),
                withdrawal.total(), withdrawal.lines().stream().map(Withdrawal.Line::invoiceRef).toList(),
                withdrawal.recordedAt());
    }
}
