package org.khlang.disbursement;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class MoneyWebIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    MoneyFixtures money;

    @Autowired
    Withdrawals withdrawals;

    @LocalServerPort
    int port;

    Office office;

    @BeforeEach
    void office() {
        office = money.office("43", URI.create("http://localhost:" + port), "20000.00");
    }

    RequestPostProcessor as(MoneyFixtures.Person person, Right right) {
        KhlangUser user = new KhlangUser(person.accountId(), 0, person.actor().username(), "ทดสอบ", null,
                office.agency().id(), Set.of(right.name()), Set.of());
        List<SimpleGrantedAuthority> authorities = new ArrayList<>(List.of(new SimpleGrantedAuthority(right.authority()),
                new SimpleGrantedAuthority("SIGNED_IN"), new SimpleGrantedAuthority("FACTOR_PASSWORD"),
                new SimpleGrantedAuthority("FACTOR_SOFT_TOKEN")));
        return authentication(UsernamePasswordAuthenticationToken.authenticated(user, null, authorities));
    }

    @Test
    @Tag("R6")
    void theRecorderAndBothApproversWorkThroughTheScreens() throws Exception {
        WebSession recorder = new WebSession(mvc);
        recorder.perform(get("/money/withdrawals/new").with(as(office.recorder(), Right.RECORDER)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("ขบ02")))
                .andExpect(content().string(containsString(office.payee().name())));
        String location = recorder.perform(post("/money/withdrawals").with(as(office.recorder(), Right.RECORDER))
                        .with(csrf()).param("type", "KB02").param("payeeId", Long.toString(office.payee().id()))
                        .param("description", "ค่าวัสดุ").param("budgetLineId0", Long.toString(office.budget().id()))
                        .param("lineDescription0", "กระดาษ A4").param("invoiceRef0", "INV-1").param("amount0", "1,101.00")
                        .param("amount1", "").param("lineDescription1", ""))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/money/withdrawals/");
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        recorder.perform(get(location).with(as(office.recorder(), Right.RECORDER))).andExpect(status().isOk())
                .andExpect(content().string(containsString("หนึ่งพันหนึ่งร้อยเอ็ดบาทถ้วน")));

        WebSession approver1 = new WebSession(mvc);
        approver1.perform(post(location + "/approve").with(as(office.approver1(), Right.WITHDRAWAL_APPROVER))
                .with(csrf())).andExpect(status().is3xxRedirection());
        approver1.perform(get(location + "/confirm").with(as(office.approver1(), Right.WITHDRAWAL_APPROVER)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("data-state=\"PENDING\"")));
        String request = office.approver1().phone().pending().getFirst().id();
        SoftTokenFixtures.approveOnPhone(office.approver1().phone(), request);
        approver1.perform(get(location + "/confirm/status").with(as(office.approver1(), Right.WITHDRAWAL_APPROVER)))
                .andExpect(content().string(containsString("APPROVED")));
        approver1.perform(post(location + "/confirm").with(as(office.approver1(), Right.WITHDRAWAL_APPROVER))
                .with(csrf())).andExpect(flash().attributeExists("notice"));
        assertThat(withdrawals.find(id).orElseThrow().state()).isEqualTo(WithdrawalState.WITHDRAWAL_APPROVED);

        WebSession approver2 = new WebSession(mvc);
        approver2.perform(get("/money").with(as(office.approver2(), Right.PAYMENT_APPROVER)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("name=\"withdrawalId\"")));
        approver2.perform(post("/money/payments/approve").with(as(office.approver2(), Right.PAYMENT_APPROVER))
                .with(csrf()).param("withdrawalId", Long.toString(id))).andExpect(status().is3xxRedirection());
        SoftTokenFixtures.approveOnPhone(office.approver2().phone(), office.approver2().phone().pending().getFirst().id());
        String batchLocation = approver2.perform(post("/money/payments/confirm")
                        .with(as(office.approver2(), Right.PAYMENT_APPROVER)).with(csrf()))
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(batchLocation).startsWith("/money/batches/");
        String page = approver2.perform(get(batchLocation).with(as(office.approver2(), Right.PAYMENT_APPROVER)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        String e2e = withdrawals.payments(id).getFirst().endToEndId();
        assertThat(page).contains(e2e, "1,101.00");
        approver2.perform(get(batchLocation + "/pain001").with(as(office.approver2(), Right.PAYMENT_APPROVER)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("<EndToEndId>" + e2e)));

        recorder.perform(multipart(batchLocation + "/results").file(new MockMultipartFile("file", "r.csv", "text/csv",
                        ("end_to_end_id,status,reason\n" + e2e + ",PAID,\n").getBytes(StandardCharsets.UTF_8)))
                .with(as(office.recorder(), Right.RECORDER)).with(csrf())).andExpect(flash().attributeExists("notice"));
        recorder.perform(get(location).with(as(office.recorder(), Right.RECORDER)))
                .andExpect(content().string(containsString("จ่ายแล้ว")));
    }

    @Test
    void theOverviewListsTheWorkWaitingInEachStateNewestFirst() throws Exception {
        Withdrawal older = money.recorded(office, "100.00");
        Withdrawal newer = money.recorded(office, "200.00");
        Withdrawal approved = money.approved1(office, money.recorded(office, "300.00"));
        Office other = money.office("44", URI.create("http://localhost:" + port), "20000.00");
        money.recorded(other, "400.00");

        assertThat(withdrawals.waiting(office.agency().id(), WithdrawalState.RECORDED, 50)).extracting(Withdrawal::id)
                .containsExactly(newer.id(), older.id());
        assertThat(withdrawals.waiting(office.agency().id(), WithdrawalState.RECORDED, 1)).extracting(Withdrawal::id)
                .containsExactly(newer.id());
        assertThat(withdrawals.waiting(office.agency().id(), WithdrawalState.WITHDRAWAL_APPROVED, 50))
                .extracting(Withdrawal::id, Withdrawal::total)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(approved.id(), new java.math.BigDecimal("300.00")));
        assertThat(withdrawals.waiting(office.agency().id(), WithdrawalState.PAID, 50)).isEmpty();

        String page = mvc.perform(get("/money").with(as(office.approver1(), Right.WITHDRAWAL_APPROVER)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        String firstList = page.substring(page.indexOf("id=\"to-approve-1\""));
        firstList = firstList.substring(0, firstList.indexOf("</table>"));
        assertThat(firstList).contains(newer.displayNumber(), older.displayNumber(), "100.00", "200.00")
                .doesNotContain("400.00", approved.displayNumber());
        assertThat(firstList.indexOf(newer.displayNumber())).isLessThan(firstList.indexOf(older.displayNumber()));
        page = mvc.perform(get("/money").with(as(office.approver2(), Right.PAYMENT_APPROVER)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        String batchForm = page.substring(page.indexOf("id=\"batch-form\""));
        assertThat(batchForm.substring(0, batchForm.indexOf("</form>"))).contains("value=\"" + approved.id() + "\"")
                .doesNotContain(newer.displayNumber());
    }

    @Test
    void refusalsComeBackAsReadableMessagesAndTheFormKeepsWhatWasTyped() throws Exception {
        mvc.perform(post("/money/withdrawals").with(as(office.recorder(), Right.RECORDER)).with(csrf())
                        .param("type", "KB02").param("payeeId", Long.toString(office.payee().id()))
                        .param("description", "ค่าวัสดุ").param("budgetLineId0", Long.toString(office.budget().id()))
                        .param("lineDescription0", "กระดาษ").param("amount0", "1e3"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("รายการที่ 1: โปรดกรอกจำนวนเงินเป็นตัวเลข")))
                .andExpect(content().string(containsString("value=\"1e3\"")));
        mvc.perform(post("/money/withdrawals").with(as(office.recorder(), Right.RECORDER)).with(csrf())
                        .param("type", "KB02").param("payeeId", Long.toString(office.payee().id()))
                        .param("description", "ค่าวัสดุ").param("budgetLineId0", Long.toString(office.budget().id()))
                        .param("lineDescription0", "กระดาษ").param("amount0", "20,000.01"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("งบประมาณรายการ")));
    }

    @Test
    void theBudgetAndPayeePagesShowAndTakeInput() throws Exception {
        mvc.perform(get("/money/budget").with(as(office.recorder(), Right.RECORDER))).andExpect(status().isOk())
                .andExpect(content().string(containsString("20,000.00")));
        mvc.perform(post("/money/payees").with(as(office.recorder(), Right.RECORDER)).with(csrf())
                        .param("kind", "OFFICER").param("name", "นายสมชาย ใจดี").param("taxId", "1101700230708")
                        .param("bankCode", "030").param("accountNumber", "0200-1234-5678").param("accountName", "นายสมชาย ใจดี"))
                .andExpect(flash().attributeExists("notice"));
        mvc.perform(get("/money/payees").with(as(office.recorder(), Right.RECORDER))).andExpect(status().isOk())
                .andExpect(content().string(containsString("นายสมชาย ใจดี")))
                .andExpect(content().string(containsString("xxxxxxx5678x".substring(0, 7))));
        mvc.perform(get("/money").with(as(office.head(), Right.AGENCY_HEAD))).andExpect(status().isOk());
    }

    RequestPostProcessor as(KhlangUser head, Right right) {
        KhlangUser user = new KhlangUser(head.accountId(), 0, head.username(), "หัวหน้า", null, office.agency().id(),
                Set.of(right.name()), Set.of());
        return authentication(UsernamePasswordAuthenticationToken.authenticated(user, null, List.of(
                new SimpleGrantedAuthority(right.authority()), new SimpleGrantedAuthority("SIGNED_IN"),
                new SimpleGrantedAuthority("FACTOR_SOFT_TOKEN"))));
    }
}
