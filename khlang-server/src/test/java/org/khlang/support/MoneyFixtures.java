package org.khlang.support;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.khlang.authenticator.KhlangAuthenticator;
import org.khlang.authority.Agency;
import org.khlang.authority.Right;
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
import org.khlang.disbursement.PaymentBatch;
import org.khlang.disbursement.Payees;
import org.khlang.disbursement.SigningRequest;
import org.khlang.disbursement.Withdrawal;
import org.khlang.disbursement.Withdrawals;
import org.khlang.identity.IssuedCredential;
import org.khlang.identity.KhlangUser;
import org.khlang.shared.Actor;
import org.khlang.shared.CitizenId;

/** A disbursing agency with a recorder, two approvers with phones, a head, a budget line and a payee. */
public class MoneyFixtures {

    private final Fixtures fixtures;
    private final SoftTokenFixtures tokens;
    private final Budgets budgets;
    private final Payees payees;
    private final Withdrawals withdrawals;
    private final Clock clock;
    private static final java.util.concurrent.atomic.AtomicInteger INVOICES = new java.util.concurrent.atomic.AtomicInteger(1000);

    MoneyFixtures(Fixtures fixtures, SoftTokenFixtures tokens, Budgets budgets, Payees payees,
                  Withdrawals withdrawals, Clock clock) {
        this.fixtures = fixtures;
        this.tokens = tokens;
        this.budgets = budgets;
        this.payees = payees;
        this.withdrawals = withdrawals;
        this.clock = clock;
    }

    public record Person(Actor actor, KhlangAuthenticator phone) {
        public long accountId() {
            return actor.accountId();
        }
    }

    public record Office(Agency agency, KhlangUser registrar, KhlangUser head, Person recorder, Person approver1,
                         Person approver2, BudgetLine budget, Payee payee) {
    }

    /** A whole office in the province; the budget line allots {@code allotted} baht for this fiscal year. */
    public Office office(String provinceCode, URI server, String allotted) {
        KhlangUser registrar = fixtures.registrar(fixtures.office(provinceCode));
        Agency agency = fixtures.localAgency(provinceCode);
        tokens.openWindow(agency, registrar);
        KhlangUser head = fixtures.head(registrar, agency);
        Person recorder = person(registrar, agency, Right.RECORDER, server);
        Person approver1 = person(registrar, agency, Right.WITHDRAWAL_APPROVER, server);
        Person approver2 = person(registrar, agency, Right.PAYMENT_APPROVER, server);
        BudgetLine budget = budgets.create(agency.id(), new NewBudgetLine(fiscalYear(), "2569" + provinceCode + "00100",
                String.format("%02d", fiscalYear() % 100) + "11000", "5104010104", "ค่าวัสดุสำนักงาน",
                new BigDecimal(allotted)), recorder.actor());
        Payee payee = payee(agency, recorder.actor(), "ห้างหุ้นส่วนจำกัด ทดสอบพัสดุ", "006");
        return new Office(agency, registrar, head, recorder, approver1, approver2, budget, payee);
    }

    public Fixtures fixtures() {
        return fixtures;
    }

    public Clock clock() {
        return clock;
    }

    public int fiscalYear() {
        return FiscalYears.of(LocalDate.now(clock));
    }

    /** An issued, activated person of the agency with the right and a bound phone. */
    public Person person(KhlangUser registrar, Agency agency, Right right, URI server) {
        IssuedCredential issued = fixtures.issue(registrar, agency);
        fixtures.activate(issued);
        fixtures.grantMigrated(issued.account().id(), right, agency);
        Actor actor = new Actor(issued.account().id(), issued.account().username().value());
        KhlangAuthenticator phone = tokens.bindPhone(actor.accountId(), actor.username(), server);
        return new Person(actor, phone);
    }

    public Payee payee(Agency agency, Actor recorder, String name, String bank) {
        String twelve = "0105" + String.format("%08d",
                java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000_000));
        String taxId = twelve + CitizenId.checkDigit(twelve);
        return payees.register(agency.id(), new NewPayee(PayeeKind.FIRM, name, taxId,
                new BankAccount(bank, bank.equals("030") ? "020012345678" : "1234567890", name)), recorder);
    }

    public NewWithdrawal kb02(Office office, String amount) {
        return new NewWithdrawal(DocumentType.KB02, office.payee().id(), null, "ค่าวัสดุสำนักงาน",
                List.of(new NewWithdrawal.Line(office.budget().id(), null, "กระดาษและหมึกพิมพ์", "INV-" + INVOICES.incrementAndGet(),
                        new BigDecimal(amount))));
    }

    public Withdrawal recorded(Office office, String amount) {
        return withdrawals.record(office.agency().id(), kb02(office, amount), office.recorder().actor());
    }

    /** Approval 1 asked, approved on the approver's phone, and given. */
    public Withdrawal approved1(Office office, Withdrawal withdrawal) {
        SigningRequest request = withdrawals.askApproval1(withdrawal.id(), office.approver1().actor());
        SoftTokenFixtures.approveOnPhone(office.approver1().phone(), request.confirmationId());
        return withdrawals.approve1(withdrawal.id(), request.confirmationId(), office.approver1().actor());
    }

    public PaymentBatch approved2(Office office, List<Long> ids) {
        SigningRequest request = withdrawals.askApproval2(ids, office.approver2().actor());
        SoftTokenFixtures.approveOnPhone(office.approver2().phone(), request.confirmationId());
        return withdrawals.approve2(ids, request.confirmationId(), office.approver2().actor());
    }
}
