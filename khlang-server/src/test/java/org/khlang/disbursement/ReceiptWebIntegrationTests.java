package org.khlang.disbursement;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.authority.Right;
import org.khlang.identity.KhlangUser;
import org.khlang.support.IntegrationTest;
import org.khlang.support.MoneyFixtures;
import org.khlang.support.MoneyFixtures.Office;
import org.khlang.support.SoftTokenFixtures;
import org.khlang.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
@Tag("R13")
class ReceiptWebIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    MoneyFixtures money;

    @Autowired
    Receipts receipts;

    @LocalServerPort
    int port;

    Office office;

    @BeforeEach
    void office() {
        office = money.office("47", URI.create("http://localhost:" + port), "1000.00");
    }

    RequestPostProcessor as(MoneyFixtures.Person person, Right right) {
        KhlangUser user = new KhlangUser(person.accountId(), 0, person.actor().username(), "ทดสอบ", null,
                office.agency().id(), Set.of(right.name()), Set.of());
        List<SimpleGrantedAuthority> authorities = new ArrayList<>(List.of(new SimpleGrantedAuthority(right.authority()),
                new SimpleGrantedAuthority("SIGNED_IN"), new SimpleGrantedAuthority("FACTOR_SOFT_TOKEN")));
        return authentication(UsernamePasswordAuthenticationToken.authenticated(user, null, authorities));
    }

    @Test
    @Tag("R6")
    void aRecorderIssuesReceiptsAndPreparesARemittanceThatTheApproverConfirmsOnThePhone() throws Exception {
        String today = LocalDate.now(money.clock()).toString();
        WebSession recorder = new WebSession(mvc);
        recorder.perform(post("/money/receipts").with(as(office.recorder(), Right.RECORDER)).with(csrf())
                        .param("receivedOn", today).param("payer", "นายมั่งมี ศรีสุข").param("description", "ค่าเช่าตลาด")
                        .param("method", "CASH").param("amount", "10,500"))
                .andExpect(flash().attributeExists("notice"));
        recorder.perform(get("/money/receipts").with(as(office.recorder(), Right.RECORDER)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("10,500.00")))
                .andExpect(content().string(containsString("เกิน 10,000 บาท")))
                .andExpect(content().string(containsString("นส01-")));
        long receiptId = receipts.unremitted(office.agency().id()).getFirst().id();
        String location = recorder.perform(post("/money/remittances").with(as(office.recorder(), Right.RECORDER))
                        .with(csrf()).param("receiptId", Long.toString(receiptId)))
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/money/remittances/");

        WebSession approver = new WebSession(mvc);
        approver.perform(post(location + "/approve").with(as(office.approver2(), Right.PAYMENT_APPROVER)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(String.valueOf(office.approver2().phone().pending().getFirst().display().get("detail_th")))
                .contains("10,500.00");
        SoftTokenFixtures.approveOnPhone(office.approver2().phone(), office.approver2().phone().pending().getFirst().id());
        approver.perform(post(location + "/confirm").with(as(office.approver2(), Right.PAYMENT_APPROVER)).with(csrf()))
                .andExpect(flash().attributeExists("notice"));
        approver.perform(get(location).with(as(office.approver2(), Right.PAYMENT_APPROVER)))
                .andExpect(content().string(containsString("นำส่งแล้ว")));
        assertThat(receipts.cashOnHand(office.agency().id(), LocalDate.now(money.clock()))).isEqualByComparingTo("0");

        mvc.perform(get("/money/reports/receipts").with(as(office.recorder(), Right.RECORDER)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("นำส่งทันกำหนด")))
                .andExpect(content().string(containsString("10,500.00")));
    }

    @Test
    void theReceiptApiIsIdempotentAndRefusesBadInput() throws Exception {
        String body = """
                {"receivedOn": "%s", "payer": "บริษัท ก จำกัด", "description": "ค่าปรับ", "method": "EPAYMENT",
                 "amount": "1200.00"}""".formatted(LocalDate.now(money.clock()));
        String first = mvc.perform(post("/api/v1/money/receipts").with(as(office.recorder(), Right.RECORDER))
                        .with(csrf()).header("Idempotency-Key", "receipt-key-0001").contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        mvc.perform(post("/api/v1/money/receipts").with(as(office.recorder(), Right.RECORDER)).with(csrf())
                        .header("Idempotency-Key", "receipt-key-0001").contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isCreated()).andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(jsonPath("$.number").value((String) JsonPath.read(first, "$.number")))
                .andExpect(jsonPath("$.rule").value("EPAYMENT_NEXT_DAY"));
        assertThat(receipts.unremitted(office.agency().id())).hasSize(1);

        mvc.perform(post("/api/v1/money/receipts").with(as(office.recorder(), Right.RECORDER)).with(csrf())
                        .header("Idempotency-Key", "receipt-key-0002").contentType(MediaType.APPLICATION_JSON)
                        .content(body.replace(LocalDate.now(money.clock()).toString(),
                                LocalDate.now(money.clock()).plusDays(1).toString())))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("receipt.date"));
        mvc.perform(post("/api/v1/money/receipts").with(as(office.approver1(), Right.WITHDRAWAL_APPROVER))
                        .with(csrf()).header("Idempotency-Key", "receipt-key-0003")
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isForbidden());
        assertThat(receipts.unremitted(office.agency().id())).hasSize(1);
    }
}
