package org.khlang.benchmarks;

import java.math.BigDecimal;
import java.net.URI;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.khlang.authenticator.KhlangAuthenticator;
import org.khlang.authenticator.PendingRequest;
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
import org.khlang.disbursement.SigningRequest;
import org.khlang.disbursement.Withdrawals;
import org.khlang.shared.Actor;
import org.springframework.context.ConfigurableApplicationContext;

import static org.khlang.benchmarks.Bench.actor;
import static org.khlang.benchmarks.Bench.agencyOf;
import static org.khlang.benchmarks.Bench.bindPhone;

/**
 * The set-up of the fault harnesses, run with the application in the harness's JVM and not measured: the demo
 * agency's recorder (7003012345-01), approver 1 (-02) and approver 2 (-03) each get a phone, and N documents are
 * recorded on one budget line for one payee and given approval 1 on approver 1's phone.
 */
final class BatchSetUp {

    /** The documents, ready for approval 2, and the phones of the recorder and of approver 2. */
    record Prepared(List<Long> ids, KhlangAuthenticator payer, KhlangAuthenticator recorder, long budgetLineId,
                    long payeeId) {
    }

    private BatchSetUp() {
    }

    static Prepared prepare(Bench.Database database, int documents) throws Exception {
        try (ConfigurableApplicationContext context = Bench.node(database)) {
            URI base = URI.create("http://localhost:18090");
            Actor recorder;
            Actor approver1;
            KhlangAuthenticator phone1;
            KhlangAuthenticator payer;
            KhlangAuthenticator recorderPhone;
            long agencyId;
            try (Connection connection = database.connect()) {
                recorder = actor(connection, "7003012345-01");
                approver1 = actor(connection, "7003012345-02");
                phone1 = bindPhone(base, connection, approver1.accountId(), "CRSH-0000-0000-0001", "crash phone");
                payer = bindPhone(base, connection, actor(connection, "7003012345-03").accountId(),
                        "CRSH-0000-0000-0002", "crash phone");
                recorderPhone = bindPhone(base, connection, recorder.accountId(), "CRSH-0000-0000-0003",
                        "recorder phone");
                agencyId = agencyOf(connection, recorder);
            }
            Budgets budgets = context.getBean(Budgets.class);
            Payees payees = context.getBean(Payees.class);
            Withdrawals withdrawals = context.getBean(Withdrawals.class);
            int year = FiscalYears.of(LocalDate.now());
            BudgetLine line = budgets.create(agencyId, new NewBudgetLine(year, "CRASH" + year, String.format("%02d",
                    year % 100) + "98000", "5104010110", "crash test", new BigDecimal("9999999999.00")), recorder);
            Payee payee = payees.register(agencyId, new NewPayee(PayeeKind.FIRM, "บริษัท ทดสอบการล่ม จำกัด",
                    "0105561000011", new BankAccount("006", "9876543210", "บจก. ทดสอบการล่ม")), recorder);
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < documents; i++) {
                long id = withdrawals.record(agencyId, new NewWithdrawal(DocumentType.KB02, payee.id(), null,
                        "crash " + i, List.of(new NewWithdrawal.Line(line.id(), null, "x", null,
                        new BigDecimal(100 + i + ".25")))), recorder).id();
                SigningRequest request = withdrawals.askApproval1(id, approver1);
                approve(phone1, request.confirmationId(), null);
                withdrawals.approve1(id, request.confirmationId(), approver1);
                ids.add(id);
            }
            return new Prepared(ids, payer, recorderPhone, line.id(), payee.id());
        }
    }

    static void approve(KhlangAuthenticator phone, String requestId, Integer number) {
        PendingRequest request = phone.pending().stream().filter(candidate -> candidate.id().equals(requestId))
                .findFirst().orElseThrow(() -> new IllegalStateException("request not on the phone"));
        if (!phone.approve(request, number).approved()) {
            throw new IllegalStateException("the phone's approval was refused");
        }
    }
}
