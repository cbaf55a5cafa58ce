package org.khlang.demo;

import java.io.StringReader;
import java.time.Clock;
import java.time.LocalDate;

import org.khlang.authority.Agencies;
import org.khlang.authority.Agency;
import org.khlang.authority.AgencyCode;
import org.khlang.authority.AgencyKind;
import org.khlang.authority.LocalKind;
import org.khlang.authority.NewAgency;
import org.khlang.authority.NewRightGrant;
import org.khlang.authority.RegistrarOffice;
import org.khlang.authority.Right;
import org.khlang.authority.Rights;
import org.khlang.disbursement.BankAccount;
import org.khlang.disbursement.Budgets;
import org.khlang.disbursement.FiscalYears;
import org.khlang.disbursement.NewBudgetLine;
import org.khlang.disbursement.NewPayee;
import org.khlang.disbursement.PayeeKind;
import org.khlang.disbursement.Payees;
import org.khlang.identity.Credentials;
import org.khlang.identity.IssuedCredential;
import org.khlang.identity.LegacyImport;
import org.khlang.identity.NewPerson;
import org.khlang.identity.PasswordChange;
import org.khlang.identity.Passwords;
import org.khlang.identity.Staff;
import org.khlang.identity.Username;
import org.khlang.shared.Actor;
import org.khlang.shared.CitizenId;
import org.khlang.shared.ImportReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Development mode's demo data (README, "Demo users"): three agencies, an administrator, two registrars and four
 * agency users migrated from the old system. Created once, through the real services, so that it is audited like
 * anything else. Only with {@code khlang.demo.enabled=true} (the dev profile).
 */
@Component
@ConditionalOnBooleanProperty("khlang.demo.enabled")
class DemoData implements ApplicationRunner {

    /** Every demo account's password; the README lists it. Never use demo mode with real data. */
    static final String PASSWORD = "Lotus-Pond-2568";
    static final String SAO_CODE = "7003012345";

    private final Budgets budgets;
    private final Payees payees;

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final Agencies agencies;
    private final Staff staff;
    private final Passwords passwords;
    private final LegacyImport legacyImport;
    private final Credentials credentials;
    private final Rights rights;
    private final Clock clock;

    DemoData(Agencies agencies, Staff staff, Passwords passwords, LegacyImport legacyImport, Credentials credentials,
             Rights rights, Clock clock, Budgets budgets, Payees payees) {
        this.budgets = budgets;
        this.payees = payees;
        this.credentials = credentials;
        this.rights = rights;
        this.clock = clock;
        this.agencies = agencies;
        this.staff = staff;
        this.passwords = passwords;
        this.legacyImport = legacyImport;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments arguments) {
        if (agencies.byCode(new AgencyCode(SAO_CODE)).isPresent()) {
            return;
        }
        agencies.register(new NewAgency(new AgencyCode("1500100001"), "กองการเงินและบัญชี กรมตัวอย่าง",
                "Finance Division, Example Department", AgencyKind.CENTRAL, null, "10", true), Actor.SYSTEM);
        agencies.register(new NewAgency(new AgencyCode(SAO_CODE), "องค์การบริหารส่วนตำบลบ้านใหม่", "Ban Mai SAO",
                AgencyKind.LOCAL, LocalKind.SUBDISTRICT_ADMINISTRATION, "30", true), Actor.SYSTEM);
        agencies.register(new NewAgency(new AgencyCode("7003054321"), "เทศบาลตำบลโนนสูง", "Non Sung Municipality",
                AgencyKind.LOCAL, LocalKind.SUBDISTRICT_MUNICIPALITY, "30", false), Actor.SYSTEM);

        staffMember("admin", "นาย", "อดิศร", "ดูแลดี", "110000000001", Right.SYSTEM_ADMIN, null);
        RegistrarOffice cgd = agencies.servingOffice(AgencyKind.CENTRAL, "10");
        RegistrarOffice korat = agencies.servingOffice(AgencyKind.LOCAL, "30");
        staffMember("registrar.cgd", "นางสาว", "กานดา", "บัญชีกลาง", "110000000002", Right.REGISTRAR, cgd.id());
        Actor koratRegistrar = staffMember("registrar.korat", "นาง", "สุดา", "คลังจังหวัด", "130000000003",
                Right.REGISTRAR, korat.id());

        String csv = """
                citizen_id,title_th,first_name_th,last_name_th,email,mobile,agency_code,credential,legacy_username
                %s,นางสาว,มาลี,ศรีสุข,malee@example.go.th,0812345601,%s,TOKEN_KEY_RECORDER,
                %s,นาย,ประเสริฐ,ทองดี,prasert@example.go.th,0812345602,%s,TOKEN_KEY_WITHDRAWAL_APPROVER,
                %s,นาง,วันเพ็ญ,แก้วมณี,wanphen@example.go.th,0812345603,%s,TOKEN_KEY_PAYMENT_APPROVER,
                %s,นาย,สมชาย,รักดี,somchai@example.go.th,0812345604,%s,USERNAME_RECORDER,somchai.r
                """.formatted(id("330000000101"), SAO_CODE, id("330000000102"), SAO_CODE, id("330000000103"),
                SAO_CODE, id("330000000104"), SAO_CODE);
        ImportReport<IssuedCredential> report = legacyImport.importCsv(new StringReader(csv), koratRegistrar);
        if (!report.imported()) {
            throw new IllegalStateException("demo legacy import refused: " + report.errors());
        }
        report.results().forEach(this::setDemoPassword);
        appointHead(koratRegistrar);
        IssuedCredential recorder = report.results().getFirst();
        money(new Actor(recorder.account().id(), recorder.account().username().value()));
        log.info("Demo data created: {} agencies' users, password for every demo account as in the README",
                report.results().size());
    }

    /** อบต.บ้านใหม่'s budget for this fiscal year and two payees, so that a withdrawal can be recorded at once. */
    private void money(Actor recorder) {
        Agency sao = agencies.byCode(new AgencyCode(SAO_CODE)).orElseThrow();
        int year = FiscalYears.of(LocalDate.now(clock));
        String fund = String.format("%02d", year % 100) + "11000";
        budgets.create(sao.id(), new NewBudgetLine(year, year + "70031", fund, "5104010104", "ค่าวัสดุสำนักงาน",
                new java.math.BigDecimal("500000.00")), recorder);
        budgets.create(sao.id(), new NewBudgetLine(year, year + "70032", fund, "5104010107",
                "ค่าซ่อมแซมถนนในหมู่บ้าน", new java.math.BigDecimal("2500000.00")), recorder);
        budgets.create(sao.id(), new NewBudgetLine(year, year + "70033", fund, "5104020101", "ค่าไฟฟ้า",
                new java.math.BigDecimal("180000.00")), recorder);
        payees.register(sao.id(), new NewPayee(PayeeKind.FIRM, "ห้างหุ้นส่วนจำกัด บ้านใหม่พัสดุภัณฑ์", "0303561000018",
                new BankAccount("006", "3011234567", "หจก. บ้านใหม่พัสดุภัณฑ์")), recorder);
        payees.register(sao.id(), new NewPayee(PayeeKind.FIRM, "บริษัท โคราชก่อสร้าง จำกัด", "0305545000019",
                new BankAccount("014", "4056789012", "บจก. โคราชก่อสร้าง")), recorder);
    }

    /** The head of อบต.บ้านใหม่, who drafts the agency's appointment orders (the registrar appointed them). */
    private void appointHead(Actor registrar) {
        Agency sao = agencies.byCode(new AgencyCode(SAO_CODE)).orElseThrow();
        IssuedCredential head = credentials.issue(new NewPerson(CitizenId.completing("330000000106"), "นาย", "บุญมี",
                "ใจกว้าง", "Boonmee", "Jaikwang", "boonmee@example.go.th", "0812345606", sao.id()), registrar);
        setDemoPassword(head);
        rights.grant(new NewRightGrant(head.account().id(), Right.AGENCY_HEAD, sao.id(), null, false,
                LocalDate.now(clock), null, "BOOTSTRAP", "demo: head of the agency"), registrar);
    }

    private Actor staffMember(String username, String title, String first, String last, String twelveDigits,
                              Right right, Long officeId) {
        NewPerson person = new NewPerson(CitizenId.completing(twelveDigits), title, first, last, null, null,
                username + "@example.go.th", null, null);
        IssuedCredential issued = staff.issue(person, new Username(username), right, officeId, Actor.SYSTEM);
        setDemoPassword(issued);
        return new Actor(issued.account().id(), username);
    }

    private void setDemoPassword(IssuedCredential issued) {
        PasswordChange change = passwords.change(issued.account().id(), issued.initialPassword(), PASSWORD);
        if (change instanceof PasswordChange.Refused refused) {
            throw new IllegalStateException("demo password refused: " + refused.reasons());
        }
    }

    private static String id(String twelveDigits) {
        return CitizenId.completing(twelveDigits).value();
    }

}
