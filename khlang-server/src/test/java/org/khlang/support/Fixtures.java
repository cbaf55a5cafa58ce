package org.khlang.support;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.khlang.authority.Agencies;
import org.khlang.authority.Agency;
import org.khlang.authority.AgencyCode;
import org.khlang.authority.AgencyKind;
import org.khlang.authority.LocalKind;
import org.khlang.authority.NewAgency;
import org.khlang.authority.RegistrarOffice;
import org.khlang.authority.Right;
import org.khlang.identity.Credentials;
import org.khlang.identity.IssuedCredential;
import org.khlang.identity.KhlangUser;
import org.khlang.identity.NewPerson;
import org.khlang.identity.PasswordChange;
import org.khlang.identity.Passwords;
import org.khlang.identity.Staff;
import org.khlang.identity.Username;
import org.khlang.shared.Actor;
import org.khlang.shared.CitizenId;

import static org.assertj.core.api.Assertions.assertThat;

/** Builds agencies, registrars and users through the real services, each with fresh codes and IDs. */
public class Fixtures {

    public static final String GOOD_PASSWORD = "ช้างเผือก river lantern 2568";

    /** A minimal, well-formed PDF: the signed order file of the tests. */
    public static final byte[] SAMPLE_PDF = ("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n"
            + "%%EOF\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    private static final AtomicInteger SEQUENCE = new AtomicInteger(ThreadLocalRandom.current().nextInt(1000));

    private final Agencies agencies;
    private final Staff staff;
    private final Credentials credentials;
    private final Passwords passwords;
    private final Clock clock;
    private final org.khlang.authority.Rights rights;

    Fixtures(Agencies agencies, Staff staff, Credentials credentials, Passwords passwords, Clock clock,
             org.khlang.authority.Rights rights) {
        this.rights = rights;
        this.agencies = agencies;
        this.staff = staff;
        this.credentials = credentials;
        this.passwords = passwords;
        this.clock = clock;
    }

    public static CitizenId citizenId() {
        long twelve = 110_000_000_000L + ThreadLocalRandom.current().nextLong(800_000_000_000L);
        return CitizenId.completing(Long.toString(twelve));
    }

    public static String agencyCode() {
        return String.format("%010d", 1_000_000_000L + ThreadLocalRandom.current().nextLong(8_999_999_999L));
    }

    public Agency localAgency(String provinceCode) {
        return agencies.register(new NewAgency(new AgencyCode(agencyCode()), "องค์การบริหารส่วนตำบลทดสอบ "
                + SEQUENCE.incrementAndGet(), "Test SAO", AgencyKind.LOCAL, LocalKind.SUBDISTRICT_ADMINISTRATION,
                provinceCode, false), Actor.SYSTEM);
    }

    public Agency centralAgency() {
        return agencies.register(new NewAgency(new AgencyCode(agencyCode()), "กองคลัง กรมทดสอบ "
                + SEQUENCE.incrementAndGet(), "Finance Division", AgencyKind.CENTRAL, null, "10", false), Actor.SYSTEM);
    }

    public RegistrarOffice agenciesOffice(String code) {
        return agencies.registrarOffices().stream().filter(office -> office.code().equals(code)).findFirst()
                .orElseThrow();
    }

    public RegistrarOffice office(String provinceCode) {
        return agencies.servingOffice(AgencyKind.PROVINCIAL, provinceCode);
    }

    public NewPerson person(Long agencyId) {
        int n = SEQUENCE.incrementAndGet();
        return new NewPerson(citizenId(), "นางสาว", "สมศรี" + n, "ใจดี", "Somsri", "Jaidee", "somsri" + n + "@example.go.th",
                "0812345678", agencyId);
    }

    /** A registrar of the office, with the password already changed to {@link #GOOD_PASSWORD}. */
    public KhlangUser registrar(RegistrarOffice office) {
        IssuedCredential issued = staff.issue(person(null), new Username("reg" + SEQUENCE.incrementAndGet()),
                Right.REGISTRAR, office.id(), Actor.SYSTEM);
        activate(issued);
        return user(issued, Right.REGISTRAR, office.id());
    }

    public String emailOf(long accountId) {
        return credentials.self(accountId).person().email();
    }

    /** A Contact Center (HELPDESK) staff member. */
    public KhlangUser helpdesk() {
        IssuedCredential issued = staff.issue(person(null), new Username("help" + SEQUENCE.incrementAndGet()),
                Right.HELPDESK, null, Actor.SYSTEM);
        activate(issued);
        return user(issued, Right.HELPDESK, null);
    }

    public KhlangUser admin() {
        IssuedCredential issued = staff.issue(person(null), new Username("admin" + SEQUENCE.incrementAndGet()),
                Right.SYSTEM_ADMIN, null, Actor.SYSTEM);
        activate(issued);
        return user(issued, Right.SYSTEM_ADMIN, null);
    }

    /** Changes the initial password to {@link #GOOD_PASSWORD}. */
    public void activate(IssuedCredential issued) {
        PasswordChange change = passwords.change(issued.account().id(), issued.initialPassword(), GOOD_PASSWORD);
        assertThat(change).isInstanceOf(PasswordChange.Changed.class);
    }

    public IssuedCredential issue(KhlangUser registrar, Agency agency) {
        return credentials.issue(person(agency.id()), registrar.actor());
    }

    private static KhlangUser user(IssuedCredential issued, Right right, Long officeId) {
        return new KhlangUser(issued.account().id(), issued.person().id(), issued.account().username().value(),
                issued.person().fullNameTh(), null, null, java.util.Set.of(right.name()),
                officeId == null ? java.util.Set.of() : java.util.Set.of(officeId));
    }

    /** The head of the agency, appointed by the registrar (the head's own appointment process is not modelled yet). */
    public KhlangUser head(KhlangUser registrar, Agency agency) {
        IssuedCredential issued = issue(registrar, agency);
        activate(issued);
        rights.grant(new org.khlang.authority.NewRightGrant(issued.account().id(), Right.AGENCY_HEAD, agency.id(), null,
                false, java.time.LocalDate.now(clock), null, "BOOTSTRAP", "head"), registrar.actor());
        return new KhlangUser(issued.account().id(), issued.person().id(), issued.account().username().value(),
                issued.person().fullNameTh(), null, agency.id(), java.util.Set.of(Right.AGENCY_HEAD.name()),
                java.util.Set.of());
    }

    public void grantMigrated(long accountId, Right right, Agency agency) {
        rights.grant(org.khlang.authority.NewRightGrant.migrated(accountId, right, agency.id(),
                java.time.LocalDate.now(clock), "test"), Actor.SYSTEM);
    }

    public void lock(IssuedCredential issued, KhlangUser registrar) {
        credentials.changeState(issued.account().id(), org.khlang.identity.AccountState.LOCKED, "test",
                registrar.actor());
    }

    public Clock clock() {
        return clock;
    }
}
