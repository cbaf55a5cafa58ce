package org.khlang.compliance;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.authority.Right;
import org.khlang.disbursement.Withdrawal;
import org.khlang.identity.IssuedCredential;
import org.khlang.identity.KhlangUser;
import org.khlang.support.Fixtures;
import org.khlang.support.IntegrationTest;
import org.khlang.support.MoneyFixtures;
import org.khlang.support.MoneyFixtures.Office;
import org.khlang.support.SoftTokenFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
@Tag("R14")
class ComplianceIntegrationTests {

    @Autowired
    org.khlang.support.MutablePasskeyPolicy passkeyPolicy;

    @Autowired
    ComplianceReports reports;

    @Autowired
    MoneyFixtures money;

    @Autowired
    SoftTokenFixtures tokens;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvc mvc;

    @LocalServerPort
    int port;

    URI server() {
        return URI.create("http://localhost:" + port);
    }

    /** An agency where every rule is kept: every right holder has a phone, one document approved properly. */
    Office cleanOffice(String province) {
        Office office = money.office(province, server(), "5000.00");
        tokens.bindPhone(office.head().accountId(), office.head().username(), server());
        money.approved1(office, money.recorded(office, "100.00"));
        return office;
    }

    @Test
    void aCleanAgencysReportIsEmpty() {
        Office office = cleanOffice("52");

        ComplianceReport report = reports.report(office.agency().id());

        assertThat(report.passwordsTooOld()).isEmpty();
        assertThat(report.segregationConflicts()).isEmpty();
        assertThat(report.lettersOverdue()).isEmpty();
        assertThat(report.rightsWithoutToken()).isEmpty();
        assertThat(report.brokenApprovals()).isEmpty();
        assertThat(report.unusedAccounts()).isEmpty();
    }

    @Test
    void everyReportFindsItsPlantedViolation() {
        Office office = cleanOffice("53");
        long agencyId = office.agency().id();
        // R9: a password not changed for four months
        jdbc.update("update user_account set password_changed_at = ? where id = ?",
                OffsetDateTime.now(money.clock()).minusMonths(4), office.recorder().accountId());
        // R6: a document changed after approval 1
        Withdrawal tampered = money.approved1(office, money.recorded(office, "200.00"));
        jdbc.update("update withdrawal set description = 'แก้ภายหลัง' where id = ?", tampered.id());
        // R10: a grant slipped in around the checks (approval 1 above came first: with both rights it is refused)
        jdbc.update("insert into right_grant (account_id, right_code, agency_id, effective_from, source, granted_at)"
                        + " values (?, 'PAYMENT_APPROVER', ?, current_date, 'MIGRATION', current_timestamp)",
                office.approver1().accountId(), agencyId);
        // R12: a letter overdue
        jdbc.update("insert into lost_device_report (account_id, agency_id, loss_date, reported_at, channel,"
                        + " reported_by, letter_due) values (?, ?, current_date - 20, current_timestamp, 'SELF', ?,"
                        + " current_date - 14)", office.approver2().accountId(), agencyId, office.approver2().accountId());
        // R5: a recorder without a phone
        IssuedCredential tokenless = fixtures.issue(office.registrar(), office.agency());
        fixtures.activate(tokenless);
        fixtures.grantMigrated(tokenless.account().id(), Right.RECORDER, office.agency());
        // unused for 100 days
        jdbc.update("update user_account set last_login_at = ?, issued_at = ? where id = ?",
                OffsetDateTime.now(money.clock()).minusDays(100), OffsetDateTime.now(money.clock()).minusDays(200),
                office.approver2().accountId());

        ComplianceReport report = reports.report(agencyId);

        assertThat(report.passwordsTooOld()).extracting(fact -> fact.accountId())
                .containsExactly(office.recorder().accountId());
        assertThat(report.segregationConflicts()).singleElement()
                .satisfies(conflict -> assertThat(conflict.accountId()).isEqualTo(office.approver1().accountId()));
        assertThat(report.lettersOverdue()).singleElement()
                .satisfies(letter -> assertThat(letter.accountId()).isEqualTo(office.approver2().accountId()));
        assertThat(report.rightsWithoutToken()).singleElement()
                .satisfies(held -> assertThat(held.accountId()).isEqualTo(tokenless.account().id()));
        assertThat(report.brokenApprovals()).singleElement()
                .satisfies(broken -> assertThat(broken.withdrawalId()).isEqualTo(tampered.id()));
        assertThat(report.unusedAccounts()).extracting(fact -> fact.accountId())
                .containsExactly(office.approver2().accountId());
        assertThat(report.clean()).isFalse();
        // Another agency's report does not see them.
        assertThat(reports.report(cleanOffice("54").agency().id()).passwordsTooOld()).isEmpty();
    }

    @Test
    void staffWithoutAPasskeyAreListedInTheReportOfAllAgenciesUnderThePolicy() {
        org.khlang.identity.KhlangUser registrar = fixtures.registrar(fixtures.office("55"));
        org.khlang.identity.KhlangUser keyed = fixtures.registrar(fixtures.office("55"));
        // An active passkey, as a registration confirmed on the phone leaves it (the ceremony is PasskeyBrowserTests').
        jdbc.update("insert into user_entities (id, name, display_name) values (?, ?, ?)", "ue-" + keyed.accountId(),
                keyed.username(), keyed.username());
        jdbc.update("insert into user_credentials (credential_id, user_entity_user_id, public_key, signature_count,"
                        + " uv_initialized, backup_eligible, backup_state, label)"
                        + " values (?, ?, ?, 0, true, false, false, ?)",
                "cred-" + keyed.accountId(), "ue-" + keyed.accountId(), new byte[] {1}, "key");
        jdbc.update("insert into passkey (credential_id, account_id, label, state, created_at, activated_at)"
                        + " values (?, ?, 'key', 'ACTIVE', current_timestamp, current_timestamp)",
                "cred-" + keyed.accountId(), keyed.accountId());

        assertThat(reports.report(null).staffWithoutPasskey()).as("no policy, nothing listed").isEmpty();
        passkeyPolicy.production();
        try {
            ComplianceReport all = reports.report(null);
            assertThat(all.staffWithoutPasskey()).anySatisfy(staff -> {
                assertThat(staff.accountId()).isEqualTo(registrar.accountId());
                assertThat(staff.rights()).containsExactly("REGISTRAR");
            });
            assertThat(all.staffWithoutPasskey()).noneMatch(staff -> staff.accountId() == keyed.accountId());
            assertThat(all.clean()).isFalse();
            // An agency's own report has no staff to list.
            assertThat(reports.report(cleanOffice("56").agency().id()).staffWithoutPasskey()).isEmpty();
        } finally {
            passkeyPolicy.reset();
        }
    }

    @Test
    void theInternalAuditorReadsTheReportAndTheAdministratorMayNot() throws Exception {
        Office office = cleanOffice("55");
        MoneyFixtures.Person auditor = money.person(office.registrar(), office.agency(), Right.INTERNAL_AUDITOR,
                server());
        KhlangUser user = new KhlangUser(auditor.accountId(), 0, auditor.actor().username(), "ผู้ตรวจสอบ", null,
                office.agency().id(), java.util.Set.of("INTERNAL_AUDITOR"), java.util.Set.of());
        mvc.perform(get("/audit/compliance").with(authentication(UsernamePasswordAuthenticationToken.authenticated(user,
                        null, List.of(new SimpleGrantedAuthority("ROLE_INTERNAL_AUDITOR"),
                                new SimpleGrantedAuthority("SIGNED_IN"))))))
                .andExpect(status().isOk()).andExpect(content().string(containsString("รายงานการตรวจสอบการปฏิบัติ")));
        KhlangUser admin = fixtures.admin();
        mvc.perform(get("/audit/compliance").with(authentication(UsernamePasswordAuthenticationToken.authenticated(
                        admin, null, List.of(new SimpleGrantedAuthority("ROLE_SYSTEM_ADMIN"),
                                new SimpleGrantedAuthority("SIGNED_IN"))))))
                .andExpect(status().isForbidden());
    }
}
