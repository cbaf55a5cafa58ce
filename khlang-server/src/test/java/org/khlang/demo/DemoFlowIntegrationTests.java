package org.khlang.demo;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.khlang.authenticator.KhlangAuthenticator;
import org.khlang.authority.Agencies;
import org.khlang.authority.Agency;
import org.khlang.authority.AgencyCode;
import org.khlang.authority.Rights;
import org.khlang.calendar.ThaiDates;
import org.khlang.disbursement.Budgets;
import org.khlang.disbursement.DocumentType;
import org.khlang.disbursement.FiscalYears;
import org.khlang.disbursement.NewWithdrawal;
import org.khlang.disbursement.Payee;
import org.khlang.disbursement.Payees;
import org.khlang.disbursement.PaymentBatch;
import org.khlang.disbursement.SigningRequest;
import org.khlang.disbursement.Withdrawal;
import org.khlang.disbursement.Withdrawals;
import org.khlang.identity.Credentials;
import org.khlang.identity.LegacyImport;
import org.khlang.identity.Passwords;
import org.khlang.identity.Staff;
import org.khlang.shared.Actor;
import org.khlang.support.Fixtures;
import org.khlang.support.IntegrationTest;
import org.khlang.support.MutableClock;
import org.khlang.support.SoftTokenFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20: the demo data's ordinary flow raises no fraud signal. The demo agency อบต.บ้านใหม่ is created through
 * DemoData as development mode creates it; its recorder, approvers 1 and 2 bind phones; weeks later, on a working
 * morning, the recorder pays a demo payee an ordinary invoice and both approvals are given. Nothing is flagged on the
 * phones, nothing recorded, and every assessment in the audit chain counted nothing.
 */
@IntegrationTest
class DemoFlowIntegrationTests {

    @Autowired
    Agencies agencies;
    @Autowired
    Staff staff;
    @Autowired
    Passwords passwords;
    @Autowired
    LegacyImport legacyImport;
    @Autowired
    Credentials credentials;
    @Autowired
    Rights rights;
    @Autowired
    Budgets budgets;
    @Autowired
    Payees payees;
    @Autowired
    Withdrawals withdrawals;
    @Autowired
    Fixtures fixtures;
    @Autowired
    SoftTokenFixtures tokens;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MutableClock clock;
    @LocalServerPort
    int port;

    @AfterEach
    void reset() {
        clock.reset();
    }

    @Test
    void theDemoAgencysOrdinaryPaymentRaisesNoFlagAtEitherApproval() {
        clock.set(LocalDateTime.of(2026, 11, 2, 9, 0).atZone(ThaiDates.BANGKOK).toInstant());
        new DemoData(agencies, staff, passwords, legacyImport, credentials, rights, clock, budgets, payees).run(null);
        Agency sao = agencies.byCode(new AgencyCode(DemoData.SAO_CODE)).orElseThrow();
        tokens.openWindow(sao, fixtures.registrar(fixtures.office("30")));
        URI server = URI.create("http://localhost:" + port);
        Actor recorder = demo("7003012345-01");
        Actor approver1 = demo("7003012345-02");
        Actor approver2 = demo("7003012345-03");
        KhlangAuthenticator phone1 = tokens.bindPhone(approver1.accountId(), approver1.username(), server);
        KhlangAuthenticator phone2 = tokens.bindPhone(approver2.accountId(), approver2.username(), server);
        long seq = jdbc.queryForObject("select seq from audit_head", Long.class);

        Instant tuesday = LocalDateTime.of(2026, 12, 15, 10, 30).atZone(ThaiDates.BANGKOK).toInstant();
        clock.set(tuesday);
        Payee payee = payees.forAgency(sao.id()).stream().filter(p -> p.name().contains("พัสดุภัณฑ์")).findFirst()
                .orElseThrow();
        long budgetLine = budgets.lines(sao.id(), FiscalYears.of(java.time.LocalDate.of(2026, 12, 15))).getFirst().id();
        Withdrawal recorded = withdrawals.record(sao.id(), new NewWithdrawal(DocumentType.KB02, payee.id(), null,
                "ค่าวัสดุสำนักงาน เดือนธันวาคม", List.of(new NewWithdrawal.Line(budgetLine, null,
                "กระดาษ A4 และหมึกพิมพ์", "INV-6912-0087", new BigDecimal("12101.00")))), recorder);
        SigningRequest first = withdrawals.askApproval1(recorded.id(), approver1);
        assertThat(shown(first)).doesNotContainKey("risk_th");
        SoftTokenFixtures.approveOnPhone(phone1, first.confirmationId());
        withdrawals.approve1(recorded.id(), first.confirmationId(), approver1);
        clock.set(tuesday.plusSeconds(3600));
        SigningRequest second = withdrawals.askApproval2(List.of(recorded.id()), approver2);
        assertThat(shown(second)).doesNotContainKey("risk_th");
        SoftTokenFixtures.approveOnPhone(phone2, second.confirmationId());
        PaymentBatch batch = withdrawals.approve2(List.of(recorded.id()), second.confirmationId(), approver2);
        assertThat(batch.itemCount()).isEqualTo(1);

        assertThat(jdbc.queryForObject("select count(*) from risk_finding where agency_id = ?", Integer.class,
                sao.id())).isZero();
        List<Map<String, Object>> assessed = jdbc.queryForList("select details from audit_event where seq > ?"
                + " and action = 'risk.assessed' order by seq", seq);
        assertThat(assessed).hasSize(2).allSatisfy(row -> assertThat(row.get("details").toString())
                .contains("\"flags\":\"0\"").contains("\"holds\":\"0\""));
    }

    private Actor demo(String username) {
        long id = jdbc.queryForObject("select id from user_account where username = ?", Long.class, username);
        return new Actor(id, username);
    }

    private Map<String, Object> shown(SigningRequest request) {
        String display = jdbc.queryForObject("select display from approval_request where id = ?", String.class,
                request.confirmationId());
        @SuppressWarnings("unchecked")
        Map<String, Object> shown = tools.jackson.databind.json.JsonMapper.builder().build().readValue(display, Map.class);
        return shown;
    }
}
