package org.khlang.identity;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.authority.Agency;
import org.khlang.authority.Right;
import org.khlang.authority.RightGrant;
import org.khlang.authority.Rights;
import org.khlang.shared.ImportReport;
import org.khlang.shared.ImportReport.RowError;
import org.khlang.support.Fixtures;
import org.khlang.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class LegacyImportIntegrationTests {

    static final String HEADER = "citizen_id,title_th,first_name_th,last_name_th,email,mobile,agency_code,credential,"
            + "legacy_username\n";

    @Autowired
    LegacyImport legacyImport;

    @Autowired
    Rights rights;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    @Tag("R1")
    void eachLegacyCredentialBecomesTheRightOfTheSameMeaning() {
        KhlangUser registrar = fixtures.registrar(fixtures.office("37"));
        Agency agency = fixtures.localAgency("37");
        String recorder = Fixtures.citizenId().value();
        String approver1 = Fixtures.citizenId().value();
        String approver2 = Fixtures.citizenId().value();
        String usernameHolder = Fixtures.citizenId().value();
        String legacyUsername = "somchai" + System.nanoTime() % 100000;
        String csv = HEADER
                + row(recorder, "มาลี", agency, "Token Key + รหัสผ่าน \"\"บันทึกลง\"\"", "")
                + row(approver1, "ประเสริฐ", agency, "Token Key \"\"อนุมัติ ๑\"\"", "")
                + row(approver2, "วันเพ็ญ", agency, "TOKEN_KEY_PAYMENT_APPROVER", "")
                + row(usernameHolder, "สมชาย", agency, "Username + รหัสผ่าน \"\"บันทึกลง\"\"", legacyUsername);

        ImportReport<IssuedCredential> report = legacyImport.importCsv(new StringReader(csv), registrar.actor());

        assertThat(report.errors()).isEmpty();
        assertThat(report.imported()).isTrue();
        assertThat(report.results()).extracting(issued -> issued.person().citizenId().value(), this::onlyRight)
                .containsExactly(
                        Tuple.tuple(recorder, Right.RECORDER),
                        Tuple.tuple(approver1, Right.WITHDRAWAL_APPROVER),
                        Tuple.tuple(approver2, Right.PAYMENT_APPROVER),
                        Tuple.tuple(usernameHolder, Right.RECORDER));
        RightGrant grant = rights.history(report.results().getFirst().account().id()).getFirst();
        assertThat(grant.source()).isEqualTo("MIGRATION");
        assertThat(grant.agencyId()).isEqualTo(agency.id());
        assertThat(grant.sourceReference()).isEqualTo("legacy:TOKEN_KEY_RECORDER");
    }

    @Test
    @Tag("R2")
    void aTokenKeyHolderIsIssuedANewUsernameAndInitialPasswordBeforeAnythingElse() {
        KhlangUser registrar = fixtures.registrar(fixtures.office("38"));
        Agency agency = fixtures.localAgency("38");
        String csv = HEADER + row(Fixtures.citizenId().value(), "มาลี", agency, "TOKEN_KEY_RECORDER", "");

        IssuedCredential issued = legacyImport.importCsv(new StringReader(csv), registrar.actor()).results().getFirst();

        assertThat(issued.account().username().value()).isEqualTo(agency.code() + "-01");
        assertThat(issued.account().state()).isEqualTo(AccountState.ISSUED);
        assertThat(issued.account().mustChangePassword()).isTrue();
        assertThat(issued.initialPassword()).hasSize(19);
        assertThat(issued.account().legacyCredential()).isEqualTo("TOKEN_KEY_RECORDER");
    }

    @Test
    @Tag("R3")
    void aUsernameHolderKeepsTheUsernameEvenWhenAlsoHoldingATokenKey() {
        KhlangUser registrar = fixtures.registrar(fixtures.office("39"));
        Agency agency = fixtures.localAgency("39");
        String person = Fixtures.citizenId().value();
        String legacyUsername = "kept.user" + System.nanoTime() % 100000;
        String csv = HEADER + row(person, "สมชาย", agency, "TOKEN_KEY_WITHDRAWAL_APPROVER", "")
                + row(person, "สมชาย", agency, "USERNAME_RECORDER", legacyUsername);

        ImportReport<IssuedCredential> report = legacyImport.importCsv(new StringReader(csv), registrar.actor());

        assertThat(report.results()).hasSize(1);
        IssuedCredential issued = report.results().getFirst();
        assertThat(issued.account().username().value()).isEqualTo(legacyUsername);
        assertThat(rights.effectiveOn(issued.account().id(), LocalDate.now(fixtures.clock())))
                .extracting(RightGrant::right)
                .containsExactlyInAnyOrder(Right.WITHDRAWAL_APPROVER, Right.RECORDER);
    }

    @Test
    @Tag("R10")
    void oneLegacyPersonMayNotBecomeBothApprovers() {
        KhlangUser registrar = fixtures.registrar(fixtures.office("42"));
        Agency agency = fixtures.localAgency("42");
        String person = Fixtures.citizenId().value();
        String csv = HEADER + row(person, "สมหญิง", agency, "TOKEN_KEY_WITHDRAWAL_APPROVER", "")
                + row(person, "สมหญิง", agency, "TOKEN_KEY_PAYMENT_APPROVER", "");

        ImportReport<IssuedCredential> report = legacyImport.importCsv(new StringReader(csv), registrar.actor());

        assertThat(report.imported()).isFalse();
        assertThat(report.errors()).extracting(RowError::line, RowError::code)
                .containsExactly(Tuple.tuple(3L, "legacy.segregation"));
    }

    @Test
    @Tag("R4")
    void aFileWithAnyBadRowImportsNobodyAndNamesEachBadRow() {
        KhlangUser registrar = fixtures.registrar(fixtures.office("43"));
        Agency agency = fixtures.localAgency("43");
        Agency elsewhere = fixtures.localAgency("44");
        long people = jdbc.queryForObject("select count(*) from person", Long.class);
        long grants = jdbc.queryForObject("select count(*) from right_grant", Long.class);
        String csv = HEADER
                + row(Fixtures.citizenId().value(), "ถูกต้อง", agency, "TOKEN_KEY_RECORDER", "")
                + "1101700230707,นาย,ผิด,เลขตรวจสอบ,,," + agency.code() + ",TOKEN_KEY_RECORDER,\n"
                + row(Fixtures.citizenId().value(), "ผิดจังหวัด", elsewhere, "TOKEN_KEY_RECORDER", "")
                + row(Fixtures.citizenId().value(), "ไม่รู้จัก", agency, "SMART_CARD", "")
                + row(Fixtures.citizenId().value(), "ไม่มีชื่อเดิม", agency, "USERNAME_RECORDER", "")
                + row(Fixtures.citizenId().value(), "มีชื่อเกิน", agency, "TOKEN_KEY_RECORDER", "extra.name");

        ImportReport<IssuedCredential> report = legacyImport.importCsv(new StringReader(csv), registrar.actor());

        assertThat(report.imported()).isFalse();
        assertThat(report.results()).isEmpty();
        assertThat(report.errors()).extracting(RowError::line, RowError::code).containsExactly(
                Tuple.tuple(3L, "citizenId.checkDigit"),
                Tuple.tuple(4L, "registrar.notServing"),
                Tuple.tuple(5L, "legacy.credential.unknown"),
                Tuple.tuple(6L, "legacy.username.required"),
                Tuple.tuple(7L, "legacy.username.notForTokenKey"));
        assertThat(jdbc.queryForObject("select count(*) from person", Long.class)).isEqualTo(people);
        assertThat(jdbc.queryForObject("select count(*) from right_grant", Long.class)).isEqualTo(grants);
    }

    @Test
    void refusesAPersonWhoAlreadyHasAnAccount() {
        KhlangUser registrar = fixtures.registrar(fixtures.office("45"));
        Agency agency = fixtures.localAgency("45");
        IssuedCredential existing = fixtures.issue(registrar, agency);
        String csv = HEADER + row(existing.person().citizenId().value(), existing.person().firstNameTh(), agency,
                "TOKEN_KEY_RECORDER", "");

        ImportReport<IssuedCredential> report = legacyImport.importCsv(new StringReader(csv), registrar.actor());

        assertThat(report.errors()).extracting(RowError::code).containsExactly("person.duplicate");
    }

    private Right onlyRight(IssuedCredential issued) {
        List<RightGrant> held = rights.history(issued.account().id());
        assertThat(held).hasSize(1);
        return held.getFirst().right();
    }

    private static String row(String citizenId, String firstName, Agency agency, String credential, String username) {
        return citizenId + ",นาย," + firstName + ",ทดสอบ,,," + agency.code() + ",\"" + credential + "\"," + username
                + "\n";
    }
}
