package org.khlang.benchmarks;

import java.math.BigDecimal;
import java.net.URI;
import java.sql.Connection;
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
 * two batches of 10,000 documents to 2,000 payees (five each, no two alike, as a real month of a big agency is) are
 * prepared; one is approved by a node with the rules off ({@code khlang.risk.enabled=false}), the other by a node
 * with them on, each after a warm-up batch of 200; then the rules alone are timed on a batch, three times.
 */
public final class RiskBenchmark {

    private static final int DOCUMENTS = Integer.parseInt(System.getenv().getOrDefault("KHLANG_BENCH_PAYMENTS",
            "10000"));
    private static final int WARM_UP = 200;
    private static final int PAYEES = 2000;

    private RiskBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Bench.Database database = Bench.Database.fromEnvironment().cleaned();
        URI base = URI.create("http://localhost:18090");
        List<List<Long>> sets = new ArrayList<>();
        KhlangAuthenticator payer;
        Actor approver2;
        try (ConfigurableApplicationContext context = Bench.node(database)) {
            Actor recorder;
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
            int serial = 0;
            for (int size : new int[] {WARM_UP, DOCUMENTS, WARM_UP, DOCUMENTS}) {
                List<Long> ids = new ArrayList<>(size);
                for (int i = 0; i < size; i++, serial++) {
                    Payee payee = firms.get(serial % PAYEES);
                    BigDecimal amount = new BigDecimal(1000 + serial + ".25");
                    long id = withdrawals.record(agencyId, new NewWithdrawal(DocumentType.KB02, payee.id(), null,
                            "ค่าวัสดุ " + serial, List.of(new NewWithdrawal.Line(line.id(), null, "วัสดุ",
                            "RB-" + serial, amount))), recorder).id();
                    SigningRequest request = withdrawals.askApproval1(id, approver1);
                    BatchSetUp.approve(phone1, request.confirmationId(), null);
                    withdrawals.approve1(id, request.confirmationId(), approver1);
                    ids.add(id);
                }
                sets.add(ids);
            }
            print("set-up: documents recorded and given approval 1", "%d in %.1f s (not timed below)", serial,
                    (System.nanoTime() - setUp) / 1e9);
        }
        double off = approveOnNode(database, "false", sets.get(0), sets.get(1), approver2, payer);
        double on = approveOnNode(database, "true", sets.get(2), sets.get(3), approver2, payer);
        print("approval 2 of " + DOCUMENTS + " payments, rules off", "%.2f s", off);
        print("approval 2 of " + DOCUMENTS + " payments, rules on", "%.2f s (%+.1f %%, target < +10 %%)", on,
                (on - off) / off * 100);
    }

    /** On a fresh node with the rules on or off: a warm-up batch, then the timed one; with the rules on, them alone. */
    private static double approveOnNode(Bench.Database database, String enabled, List<Long> warmUp, List<Long> timed,
                                        Actor approver2, KhlangAuthenticator payer) {
        try (ConfigurableApplicationContext context = Bench.node(database, "--khlang.risk.enabled=" + enabled)) {
            Withdrawals withdrawals = context.getBean(Withdrawals.class);
            approve2(withdrawals, warmUp, approver2, payer);
            long start = System.nanoTime();
            PaymentBatch batch = approve2(withdrawals, timed, approver2, payer);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (batch.itemCount() != timed.size()) {
                throw new IllegalStateException("the batch holds " + batch.itemCount() + " payments");
            }
            if (Boolean.parseBoolean(enabled)) {
                RiskChecks risk = context.getBean(RiskChecks.class);
                List<RiskSubject> subjects = timed.stream().map(id -> subject(withdrawals.find(id).orElseThrow()))
                        .toList();
                double[] alone = new double[3];
                for (int i = 0; i < alone.length; i++) {
                    long began = System.nanoTime();
                    risk.assess(ApprovalStage.APPROVAL_2, approver2.accountId(), subjects);
                    alone[i] = (System.nanoTime() - began) / 1e9;
                }
                Arrays.sort(alone);
                print("  the rules alone on the " + timed.size() + " documents (median of 3)", "%.2f s", alone[1]);
            }
            return seconds;
        }
    }

    private static PaymentBatch approve2(Withdrawals withdrawals, List<Long> ids, Actor approver2,
                                         KhlangAuthenticator payer) {
        SigningRequest request = withdrawals.askApproval2(ids, approver2);
        BatchSetUp.approve(payer, request.confirmationId(), null);
        return withdrawals.approve2(ids, request.confirmationId(), approver2);
    }

    private static RiskSubject subject(Withdrawal withdrawal) {
        return new RiskSubject(withdrawal.id(), withdrawal.agencyId(), withdrawal.displayNumber(), withdrawal.payeeId(),
                withdrawal.total(), withdrawal.lines().stream().map(Withdrawal.Line::invoiceRef).toList(),
                withdrawal.recordedAt(), withdrawal.recordedBy(), withdrawal.approval1By());
    }
}
