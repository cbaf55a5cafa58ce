package org.khlang.risk;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.khlang.disbursement.DocumentType;
import org.khlang.disbursement.NewWithdrawal;
import org.khlang.disbursement.SigningRequest;
import org.khlang.disbursement.Withdrawal;
import org.khlang.disbursement.Withdrawals;
import org.khlang.identity.KhlangUser;
import org.khlang.support.IntegrationTest;
import org.khlang.support.MoneyFixtures;
import org.khlang.support.MoneyFixtures.Office;
import org.khlang.support.SignedIn;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The risk screens (issue 20): the phone shows a finding before the approver signs; the head's inbox and its XLSX
 * carry the evidence; another agency's head finds nothing; a recorder may not look; the registrar's summary counts
 * the agencies their office serves.
 */
@IntegrationTest
class RiskWebIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    MoneyFixtures money;

    @Autowired
    Withdrawals withdrawals;

    @Autowired
    RiskChecks risk;

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int port;

    @Test
    void thePhoneTheInboxItsXlsxAndTheRegistrarsSummaryShowAHoldAndOnlyToThoseWhoMaySeeIt() throws Exception {
        Office office = money.office("61", URI.create("http://localhost:" + port), "300000.00");
        money.approved1(office, record(office, "6100.00"));
        Withdrawal second = record(office, "6200.00");
        SigningRequest request = withdrawals.askApproval1(second.id(), office.approver1().actor());
        String display = jdbc.queryForObject("select display from approval_request where id = ?", String.class,
                request.confirmationId());
        @SuppressWarnings("unchecked")
        Map<String, String> shown = tools.jackson.databind.json.JsonMapper.builder().build().readValue(display,
                Map.class);
        assertThat(shown.get("risk_th")).startsWith("⚠ ระงับ: " + second.displayNumber()).contains("IV-61-7");
        assertThat(shown.get("detail_th")).endsWith(shown.get("risk_th"));
        RiskFinding hold = risk.openHolds(List.of(second.id())).getFirst();

        KhlangUser head = money.fixtures().head(office.registrar(), office.agency());
        mvc.perform(get("/risk").with(SignedIn.as(head))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(second.displayNumber())))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("ใบแจ้งหนี้ซ้ำ")));
        mvc.perform(get("/risk/" + hold.id()).with(SignedIn.as(head))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("release-form")));
        byte[] xlsx = mvc.perform(get("/risk.xlsx").param("open", "true").with(SignedIn.as(head)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            StringBuilder cells = new StringBuilder();
            workbook.getSheetAt(0).forEach(row -> row.forEach(cell -> cells.append(cell.toString()).append('|')));
            assertThat(cells).contains(second.displayNumber()).contains("ใบแจ้งหนี้ซ้ำ").contains("\"invoice\"");
        }

        Office elsewhere = money.office("62", URI.create("http://localhost:" + port), "1000.00");
        KhlangUser otherHead = money.fixtures().head(elsewhere.registrar(), elsewhere.agency());
        mvc.perform(get("/risk/" + hold.id()).with(SignedIn.as(otherHead))).andExpect(status().isNotFound());
        KhlangUser recorder = new KhlangUser(office.recorder().accountId(), 0, office.recorder().actor().username(),
                "ผู้บันทึก", null, office.agency().id(), Set.of("RECORDER"), Set.of());
        mvc.perform(get("/risk").with(SignedIn.as(recorder))).andExpect(status().isForbidden());
        mvc.perform(get("/risk.xlsx").with(SignedIn.as(recorder))).andExpect(status().isForbidden());

        mvc.perform(get("/registrar/risk").with(SignedIn.as(office.registrar()))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(office.agency().code().value())));
        mvc.perform(get("/registrar/risk").with(SignedIn.as(elsewhere.registrar()))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(
                        office.agency().code().value()))));
    }

    private Withdrawal record(Office office, String amount) {
        return withdrawals.record(office.agency().id(), new NewWithdrawal(DocumentType.KB02, office.payee().id(), null,
                "ค่าจ้างเหมาบริการ", List.of(new NewWithdrawal.Line(office.budget().id(), null, "งวดงาน", "IV-61-7",
                        new BigDecimal(amount)))), office.recorder().actor());
    }
}
