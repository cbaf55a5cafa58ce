package org.khlang.support;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.khlang.authenticator.KhlangAuthenticator;
import org.khlang.authority.Agency;
import org.khlang.identity.IssuedCredential;
import org.khlang.identity.KhlangUser;
import org.khlang.softtoken.ActivationCode;
import org.khlang.softtoken.RegistrationWindows;
import org.khlang.softtoken.SoftTokens;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** People with phones: issued, password changed, identity proven, and a reference authenticator bound. */
public class SoftTokenFixtures {

    private final Fixtures fixtures;
    private final SoftTokens softTokens;
    private final RegistrationWindows windows;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    SoftTokenFixtures(Fixtures fixtures, SoftTokens softTokens, RegistrationWindows windows, JdbcTemplate jdbc,
                      Clock clock) {
        this.fixtures = fixtures;
        this.softTokens = softTokens;
        this.windows = windows;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A person ready to bind a phone. */
    public record Person(IssuedCredential issued, KhlangUser registrar, Agency agency) {
        public String username() {
            return issued.account().username().value();
        }

        public long accountId() {
            return issued.account().id();
        }
    }

    public Fixtures fixtures() {
        return fixtures;
    }

    /** An issued person whose password is changed, in an agency whose registration window is open. */
    public Person person(String provinceCode) {
        KhlangUser registrar = fixtures.registrar(fixtures.office(provinceCode));
        Agency agency = fixtures.localAgency(provinceCode);
        openWindow(agency, registrar);
        IssuedCredential issued = fixtures.issue(registrar, agency);
        fixtures.activate(issued);
        return new Person(issued, registrar, agency);
    }

    /** The letter's window (2568) has passed; the registrar extends it for the agency, as R16 allows. */
    public void openWindow(Agency agency, KhlangUser registrar) {
        windows.extend(agency.id(), LocalDate.now(clock).plusDays(30), registrar.actor());
    }

    /** Records a successful proofing, as the OpenID Connect callback would (tested on its own). */
    public void proven(Person person) {
        jdbc.update("insert into proofing_result (account_id, provider, subject, level, proofed_at, token_sha256)"
                        + " values (?, 'http://test-provider', ?, '2.3', ?, ?)", person.accountId(),
                "subject-" + person.accountId(), OffsetDateTime.now(clock),
                java.util.UUID.randomUUID().toString().replace("-", "") + "00000000000000000000000000000000");
    }

    public ActivationCode code(Person person) {
        return softTokens.issueActivationCode(person.accountId(),
                new org.khlang.shared.Actor(person.accountId(), person.username()));
    }

    /** A proven person with an ACTIVE reference authenticator. */
    public Enrolled enrolled(String provinceCode, URI server) {
        Person person = person(provinceCode);
        proven(person);
        KhlangAuthenticator.Activation activation = KhlangAuthenticator.activate(server, code(person).code(),
                "โทรศัพท์ทดสอบ", clock);
        KhlangAuthenticator.Outcome first = activation.authenticator().approve(activation.firstRequest(), null);
        assertThat(first.approved()).isTrue();
        return new Enrolled(person, activation.authenticator());
    }

    public record Enrolled(Person person, KhlangAuthenticator phone) {
    }

    /** Proves the account holder and binds a reference authenticator for them (their window must be open). */
    public KhlangAuthenticator bindPhone(long accountId, String username, URI server) {
        jdbc.update("insert into proofing_result (account_id, provider, subject, level, proofed_at, token_sha256)"
                        + " values (?, 'http://test-provider', ?, '2.3', ?, ?)", accountId, "subject-" + accountId,
                OffsetDateTime.now(clock), java.util.UUID.randomUUID().toString().replace("-", "")
                        + "00000000000000000000000000000000");
        String code = softTokens.issueActivationCode(accountId, new org.khlang.shared.Actor(accountId, username)).code();
        KhlangAuthenticator.Activation activation = KhlangAuthenticator.activate(server, code, "phone", clock);
        assertThat(activation.authenticator().approve(activation.firstRequest(), null).approved()).isTrue();
        return activation.authenticator();
    }

    /** Records the account holder's proofing and returns an activation code for a phone to bind with. */
    public String activationCode(long accountId, String username) {
        jdbc.update("insert into proofing_result (account_id, provider, subject, level, proofed_at, token_sha256)"
                        + " values (?, 'http://test-provider', ?, '2.3', ?, ?)", accountId, "subject-" + accountId,
                OffsetDateTime.now(clock), java.util.UUID.randomUUID().toString().replace("-", "")
                        + "00000000000000000000000000000000");
        return softTokens.issueActivationCode(accountId, new org.khlang.shared.Actor(accountId, username)).code();
    }

    /** The phone approves the waiting request with this id. */
    public static void approveOnPhone(KhlangAuthenticator phone, String requestId) {
        org.khlang.authenticator.PendingRequest request = phone.pending().stream()
                .filter(candidate -> candidate.id().equals(requestId)).findFirst().orElseThrow();
        assertThat(phone.approve(request, null).approved()).isTrue();
    }
}
