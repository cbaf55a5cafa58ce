package org.khlang.identity;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.audit.AuditLog;
import org.khlang.audit.AuditRecord;
import org.khlang.authority.Agency;
import org.khlang.shared.KhlangProblem;
import org.khlang.support.Fixtures;
import org.khlang.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class CredentialIntegrationTests {

    @Autowired
    Credentials credentials;

    @Autowired
    Fixtures fixtures;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Test
    @Tag("R4")
    void aRegistrarIssuesAUsernameAndOneTimePasswordForAnAgencyItServes() {
        KhlangUser registrar = fixtures.registrar(fixtures.office("30"));
        Agency agency = fixtures.localAgency("30");

        IssuedCredential first = fixtures.issue(registrar, agency);
        IssuedCredential second = fixtures.issue(registrar, agency);

        assertThat(first.account().username().value()).isEqualTo(agency.code() + "-01");
        assertThat(second.account().username().value()).isEqualTo(agency.code() + "-02");
        assertThat(first.account().state()).isEqualTo(AccountState.ISSUED);
        assertThat(first.account().mustChangePassword()).isTrue();
        assertThat(first.initialPassword()).matches("[A-HJ-NP-Za-km-z2-9]{4}(-[A-HJ-NP-Za-km-z2-9]{4}){3}");
        String stored = jdbc.queryForObject("select password_hash from user_account where id = ?", String.class,
                first.account().id());
        assertThat(stored).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(first.initialPassword());
        assertThat(encoder.matches(first.initialPassword(), stored)).isTrue();
        assertThat(first.toString()).doesNotContain(first.initialPassword());
        AuditRecord issued = audit.latest(1).getFirst();
        assertThat(issued.action()).isEqualTo("identity.credential.issued");
        assertThat(issued.actor()).isEqualTo(registrar.username());
        assertThat(issued.details()).doesNotContain(first.initialPassword())
                .doesNotContain(first.person().citizenId().value());
    }

    @Test
    @Tag("R4")
    void aRegistrarOfAnotherProvinceIsRefusedAndTheRefusalAudited() {
        KhlangUser chiangMai = fixtures.registrar(fixtures.office("50"));
        Agency korat = fixtures.localAgency("30");
        long people = jdbc.queryForObject("select count(*) from person", Long.class);

        assertThatThrownBy(() -> fixtures.issue(chiangMai, korat))
                .isInstanceOfSatisfying(KhlangProblem.class,
                        problem -> assertThat(problem.code()).isEqualTo("registrar.notServing"));

        assertThat(jdbc.queryForObject("select count(*) from person", Long.class)).isEqualTo(people);
        AuditRecord refused = audit.latest(1).getFirst();
        assertThat(refused.action()).isEqualTo("identity.credential.refused");
        assertThat(refused.details()).contains("R4");
    }

    @Test
    @Tag("R4")
    void aCgdRegistrarServesCentralAgenciesButNotProvincialOnes() {
        KhlangUser cgd = fixtures.registrar(fixtures.agenciesOffice("CGD"));

        assertThat(fixtures.issue(cgd, fixtures.centralAgency()).account().state()).isEqualTo(AccountState.ISSUED);
        assertThatThrownBy(() -> fixtures.issue(cgd, fixtures.localAgency("30")))
                .isInstanceOf(KhlangProblem.class);
    }

    @Test
    void refusesABadCitizenIdAndNamesEveryBadField() {
        assertThatThrownBy(() -> NewPerson.of("1101700230707", "นาย", "", "ใจดี", null, null, "not-mail", "12", 1L))
                .isInstanceOfSatisfying(KhlangProblem.class, problem ->
                        assertThat(problem.fieldProblems()).extracting(KhlangProblem.FieldProblem::field,
                                KhlangProblem.FieldProblem::code).containsExactly(
                                org.assertj.core.groups.Tuple.tuple("citizenId", "citizenId.checkDigit"),
                                org.assertj.core.groups.Tuple.tuple("firstNameTh", "field.required"),
                                org.assertj.core.groups.Tuple.tuple("email", "email.format"),
                                org.assertj.core.groups.Tuple.tuple("mobile", "mobile.format")));
    }

    @Test
    void refusesTheSamePersonTwice() {
        KhlangUser registrar = fixtures.registrar(fixtures.office("31"));
        Agency agency = fixtures.localAgency("31");
        NewPerson person = fixtures.person(agency.id());
        credentials.issue(person, registrar.actor());

        assertThatThrownBy(() -> credentials.issue(person, registrar.actor()))
                .isInstanceOfSatisfying(KhlangProblem.class,
                        problem -> assertThat(problem.code()).isEqualTo("person.duplicate"));
    }

    @Test
    void reissuingReplacesTheInitialPasswordAndLockingIsAudited() {
        KhlangUser registrar = fixtures.registrar(fixtures.office("32"));
        IssuedCredential issued = fixtures.issue(registrar, fixtures.localAgency("32"));

        IssuedCredential again = credentials.reissue(issued.account().id(), registrar.actor());
        String stored = jdbc.queryForObject("select password_hash from user_account where id = ?", String.class,
                issued.account().id());
        assertThat(encoder.matches(again.initialPassword(), stored)).isTrue();
        assertThat(encoder.matches(issued.initialPassword(), stored)).isFalse();

        Account locked = credentials.changeState(issued.account().id(), AccountState.LOCKED, "สงสัยรั่วไหล",
                registrar.actor());
        assertThat(locked.state()).isEqualTo(AccountState.LOCKED);
        assertThat(audit.latest(1).getFirst().action()).isEqualTo("identity.account.locked");
        assertThatThrownBy(() -> credentials.changeState(issued.account().id(), AccountState.LOCKED, "again",
                registrar.actor())).isInstanceOfSatisfying(KhlangProblem.class,
                problem -> assertThat(problem.code()).isEqualTo("account.transition"));
    }

    @Test
    void aRegistrarSeesOnlyPeopleOfAgenciesItServes() {
        KhlangUser korat = fixtures.registrar(fixtures.office("33"));
        KhlangUser other = fixtures.registrar(fixtures.office("34"));
        IssuedCredential issued = fixtures.issue(korat, fixtures.localAgency("33"));

        assertThat(credentials.people(korat.actor(), issued.person().firstNameTh(), 0, 20).items())
                .extracting(holder -> holder.account().id()).containsExactly(issued.account().id());
        assertThat(credentials.people(other.actor(), issued.person().firstNameTh(), 0, 20).items()).isEmpty();
        assertThat(credentials.person(issued.account().id(), other.actor())).isEmpty();
        assertThat(List.of(credentials.person(issued.account().id(), korat.actor()).orElseThrow().account().id()))
                .containsExactly(issued.account().id());
    }
}
