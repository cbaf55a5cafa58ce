package org.khlang.disbursement;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
@Tag("R13")
class MoneyApiIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    MoneyFixtures money;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Budgets budgets;

    @LocalServerPort
    int port;

    Office office;

    @BeforeEach
    void office() {
        office = money.office("41", URI.create("http://localhost:" + port), "50000.00");
    }

    RequestPostProcessor as(MoneyFixtures.Person person, Right right) {
        KhlangUser user = new KhlangUser(person.accountId(), 0, person.actor().username(), "ทดสอบ", null,
                office.agency().id(), Set.of(right.name()), Set.of());
        List<SimpleGrantedAuthority> authorities = new ArrayList<>(List.of(new SimpleGrantedAuthority(right.authority()),
                new SimpleGrantedAuthority("SIGNED_IN"), new SimpleGrantedAuthority("FACTOR_PASSWORD"),
                new SimpleGrantedAuthority("FACTOR_SOFT_TOKEN")));
        return authentication(UsernamePasswordAuthenticationToken.authenticated(user, null, authorities));
    }

    String withdrawalJson(String amount) {
        return """
                {"type": "KB02", "payeeId": %d, "description": "ค่าวัสดุสำนักงาน",
                 "lines": [{"budgetLineId": %d, "description": "กระดาษ", "invoiceRef": "INV-9", "amount": "%s"}]}"""
                .formatted(office.payee().id(), office.budget().id(), amount);
    }

    MvcResult record(String key, String amount) throws Exception {
        return mvc.perform(post("/api/v1/money/withdrawals").with(as(office.recorder(), Right.RECORDER)).with(csrf())
                .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON)
                .content(withdrawalJson(amount))).andReturn();
    }

    long count() {
        return jdbc.queryForObject("select count(*) from withdrawal where agency_id = ?", Long.class,
                office.agency().id());
    }

    @Test
    void aRetryWithTheSameKeyReturnsTheFirstAnswerAndRecordsOnce() throws Exception {
        MvcResult first = record("rec-0001-abcdef", "1500.00");
        MvcResult retry = record("rec-0001-abcdef", "1500.00");

        assertThat(first.getResponse().getStatus()).isEqualTo(201);
        assertThat(first.getResponse().getHeader("Idempotent-Replayed")).isEqualTo("false");
        assertThat(retry.getResponse().getStatus()).isEqualTo(201);
        assertThat(retry.getResponse().getHeader("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.getResponse().getContentAsString()).isEqualTo(first.getResponse().getContentAsString());
        assertThat(JsonPath.<String>read(first.getResponse().getContentAsString(), "$.totalWords"))
                .isEqualTo("หนึ่งพันห้าร้อยบาทถ้วน");
        assertThat(count()).isEqualTo(1);
        assertThat(budgets.line(office.budget().id()).orElseThrow().reserved()).isEqualByComparingTo("1500.00");
    }

    @Test
    void theSameKeyWithAnotherPayloadIsRefusedAndAMissingKeyToo() throws Exception {
        record("rec-0002-abcdef", "100.00");
        MvcResult other = record("rec-0002-abcdef", "999.00");

        assertThat(other.getResponse().getStatus()).isEqualTo(422);
        assertThat(JsonPath.<String>read(other.getResponse().getContentAsString(), "$.code"))
                .isEqualTo("idempotency.mismatch");
        mvc.perform(post("/api/v1/money/withdrawals").with(as(office.recorder(), Right.RECORDER)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(withdrawalJson("1.00")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("idempotency.key"))
                .andExpect(jsonPath("$.message_th").isNotEmpty());
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void concurrentRetriesOfOneCommandRecordItOnce() throws Exception {
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tasks.add(() -> {
                MvcResult result = record("rec-race-abcdef", "250.00");
                assertThat(result.getResponse().getStatus()).isEqualTo(201);
                return JsonPath.read(result.getResponse().getContentAsString(), "$.number");
            });
        }
        Set<String> numbers = new java.util.HashSet<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<String> answer : pool.invokeAll(tasks)) {
                numbers.add(answer.get());
            }
        }
        assertThat(numbers).hasSize(1);
        assertThat(count()).isEqualTo(1);
        assertThat(budgets.line(office.budget().id()).orElseThrow().reserved()).isEqualByComparingTo("250.00");
    }

    @Test
    void amountsThatAreNotPlainFiguresAreRefusedWithAThaiAndEnglishReason() throws Exception {
        for (String amount : List.of("1e3", "-1", "12.345", "๑๒", "NaN", "99999999999999999")) {
            MvcResult result = record("rec-bad-" + amount.hashCode() + "-x", amount);
            assertThat(result.getResponse().getStatus()).as(amount).isEqualTo(400);
            assertThat(JsonPath.<String>read(result.getResponse().getContentAsString(), "$.message_th"))
                    .startsWith("รายการที่ 1");
        }
        assertThat(count()).isZero();
    }

    @Test
    @Tag("R6")
    void theWholeFlowThroughTheApiWithRetriesThatNeverPayTwice() throws Exception {
        String body = record("rec-flow-abcdef", "2222.22").getResponse().getContentAsString();
        int id = JsonPath.read(body, "$.id");

        String ask = mvc.perform(post("/api/v1/money/withdrawals/" + id + "/approval-requests")
                        .with(as(office.approver1(), Right.WITHDRAWAL_APPROVER)).with(csrf()))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.totalWords").value("สองพันสองร้อยยี่สิบสองบาทยี่สิบสองสตางค์"))
                .andReturn().getResponse().getContentAsString();
        String confirmation = JsonPath.read(ask, "$.confirmationId");
        SoftTokenFixtures.approveOnPhone(office.approver1().phone(), confirmation);
        for (int attempt = 0; attempt < 2; attempt++) {
            mvc.perform(post("/api/v1/money/withdrawals/" + id + "/approvals")
                            .with(as(office.approver1(), Right.WITHDRAWAL_APPROVER)).with(csrf())
                            .header("Idempotency-Key", "appr1-flow-abcdef").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"confirmationId\": \"" + confirmation + "\"}"))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("WITHDRAWAL_APPROVED"))
                    .andExpect(header().string("Idempotent-Replayed", attempt == 0 ? "false" : "true"));
        }

        String ask2 = mvc.perform(post("/api/v1/money/payment-approval-requests")
                        .with(as(office.approver2(), Right.PAYMENT_APPROVER)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"withdrawalIds\": [" + id + "]}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String confirmation2 = JsonPath.read(ask2, "$.confirmationId");
        SoftTokenFixtures.approveOnPhone(office.approver2().phone(), confirmation2);
        String batch = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            String answer = mvc.perform(post("/api/v1/money/payment-batches")
                            .with(as(office.approver2(), Right.PAYMENT_APPROVER)).with(csrf())
                            .header("Idempotency-Key", "pay-flow-abcdef").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"withdrawalIds\": [" + id + "], \"confirmationId\": \"" + confirmation2 + "\"}"))
                    .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
            assertThat(batch == null || batch.equals(answer)).isTrue();
            batch = answer;
        }
        int batchId = JsonPath.read(batch, "$.id");
        String e2e = JsonPath.read(batch, "$.payments[0].endToEndId");
        assertThat(jdbc.queryForObject("select count(*) from payment where withdrawal_id = ?", Long.class,
                (long) id)).isEqualTo(1);

        String xml = mvc.perform(get("/api/v1/money/payment-batches/" + batchId + "/pain001")
                        .with(as(office.recorder(), Right.RECORDER)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(xml).contains("<EndToEndId>" + e2e + "</EndToEndId>", "2222.22");

        MockMultipartFile results = new MockMultipartFile("file", "results.csv", "text/csv",
                ("end_to_end_id,status,reason\n" + e2e + ",ACSC,\n").getBytes(StandardCharsets.UTF_8));
        for (int attempt = 0; attempt < 2; attempt++) {
            mvc.perform(multipart("/api/v1/money/payment-batches/" + batchId + "/results").file(results)
                            .with(as(office.recorder(), Right.RECORDER)).with(csrf())
                            .header("Idempotency-Key", "results-flow-abcdef"))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.paid").value(1));
        }
        mvc.perform(get("/api/v1/money/withdrawals/" + id).with(as(office.recorder(), Right.RECORDER)))
                .andExpect(jsonPath("$.state").value("PAID"));
        mvc.perform(get("/api/v1/money/withdrawals/" + id + "/verification")
                        .with(as(office.recorder(), Right.RECORDER)))
                .andExpect(jsonPath("$[0].valid").value(true)).andExpect(jsonPath("$[1].kind").value("APPROVAL_2"))
                .andExpect(jsonPath("$[1].valid").value(true));
        assertThat(budgets.line(office.budget().id()).orElseThrow().paid()).isEqualByComparingTo("2222.22");
    }

    @Test
    void bankResultsAreTakenAsIso20022FilesAndABrokenOneIsAProblemListingEveryLine() throws Exception {
        PaymentBatch batch = money.approved2(office, List.of(money.approved1(office, money.recorded(office, "640.00"))
                .id(), money.approved1(office, money.recorded(office, "360.00")).id()));
        List<Payment> payments = batch.payments();
        String broken = new String(org.khlang.support.BankFiles.pain002(batch.messageId(), null, List.of(
                org.khlang.support.BankFiles.Status.of(payments.get(0), "ACSC"))), StandardCharsets.UTF_8)
                .replace("<TxSts>ACSC</TxSts>", "<TxSts>PAID-ALREADY</TxSts>");

        mvc.perform(multipart("/api/v1/money/payment-batches/" + batch.id() + "/results")
                        .file(new MockMultipartFile("file", "psr.xml", "application/xml",
                                broken.getBytes(StandardCharsets.UTF_8)))
                        .with(as(office.recorder(), Right.RECORDER)).with(csrf())
                        .header("Idempotency-Key", "results-xml-broken1"))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.paid").value(0))
                .andExpect(jsonPath("$.errors[0].code").value("payment.result.schema"))
                .andExpect(jsonPath("$.errors[0].arguments[0]").value("pain.002.001.10"))
                .andExpect(jsonPath("$.errors[0].line").value(org.hamcrest.Matchers.greaterThan(10)));

        mvc.perform(multipart("/api/v1/money/payment-batches/" + batch.id() + "/results")
                        .file(new MockMultipartFile("file", "psr.xml", "application/xml",
                                org.khlang.support.BankFiles.pain002(batch.messageId(), null, List.of(
                                        org.khlang.support.BankFiles.Status.of(payments.get(0), "ACSC"),
                                        org.khlang.support.BankFiles.Status.of(payments.get(1), "ACSP")))))
                        .with(as(office.recorder(), Right.RECORDER)).with(csrf())
                        .header("Idempotency-Key", "results-xml-good01"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.paid").value(1))
                .andExpect(jsonPath("$.failed").value(0)).andExpect(jsonPath("$.pending").value(1));
    }

    @Test
    @Tag("R14")
    void anInternalAuditorReVerifiesApprovalsAndASystemAdministratorMayNot() throws Exception {
        Withdrawal approved = money.approved1(office, money.recorded(office, "75.00"));
        MoneyFixtures.Person auditor = money.person(office.registrar(), office.agency(), Right.INTERNAL_AUDITOR,
                URI.create("http://localhost:" + port));
        mvc.perform(get("/api/v1/audit/withdrawals/" + approved.id() + "/verification")
                        .with(as(auditor, Right.INTERNAL_AUDITOR)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.allValid").value(true))
                .andExpect(jsonPath("$.approvals[0].kind").value("APPROVAL_1"))
                .andExpect(jsonPath("$.approvals[0].signatureValid").value(true));
        jdbc.update("update withdrawal set description = 'แก้ไขภายหลัง' where id = ?", approved.id());
        mvc.perform(get("/api/v1/audit/withdrawals/" + approved.id() + "/verification")
                        .with(as(auditor, Right.INTERNAL_AUDITOR)))
                .andExpect(jsonPath("$.allValid").value(false))
                .andExpect(jsonPath("$.approvals[0].contentUnchanged").value(false));
        mvc.perform(get("/api/v1/audit/withdrawals/" + approved.id() + "/verification")
                        .with(as(office.recorder(), Right.RECORDER)))
                .andExpect(status().isForbidden());
        // one click on the auditor's screen does the same
        mvc.perform(get("/audit/withdrawals/" + approved.id()).with(as(auditor, Right.INTERNAL_AUDITOR)))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("ถูกแก้ไขหลังลงนาม")));
    }

    @Test
    void anotherAgencysDocumentsAreNotFoundAndPeopleWithoutMoneyRightsAreRefused() throws Exception {
        int id = JsonPath.read(record("rec-other-abcdef", "10.00").getResponse().getContentAsString(), "$.id");
        Office other = money.office("42", URI.create("http://localhost:" + port), "10.00");
        KhlangUser outsider = new KhlangUser(other.recorder().accountId(), 0, other.recorder().actor().username(),
                "x", null, other.agency().id(), Set.of("RECORDER"), Set.of());
        mvc.perform(get("/api/v1/money/withdrawals/" + id).with(authentication(
                        UsernamePasswordAuthenticationToken.authenticated(outsider, null, List.of(
                                new SimpleGrantedAuthority("ROLE_RECORDER"), new SimpleGrantedAuthority("SIGNED_IN"),
                                new SimpleGrantedAuthority("FACTOR_SOFT_TOKEN"))))))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/money/withdrawals").with(authentication(
                        UsernamePasswordAuthenticationToken.authenticated(outsider, null, List.of(
                                new SimpleGrantedAuthority("SIGNED_IN"))))))
                .andExpect(status().isForbidden());
    }
}
