package org.khlang.hostile;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.khlang.identity.KhlangUser;
import org.khlang.support.IntegrationTest;
import org.khlang.support.MoneyFixtures;
import org.khlang.support.MoneyFixtures.Office;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.khlang.support.SignedIn.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Hostile input, generated with jqwik's generators, against the public API: every answer is a clear 4xx problem
 * (RFC 9457, Thai and English) or a success — never a 5xx — and a refused command writes nothing.
 */
@IntegrationTest
class HostileInputIntegrationTests {

    static final int SAMPLES = 150;

    @Autowired
    MockMvc mvc;

    @Autowired
    MoneyFixtures money;

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int port;

    Office office;

    @BeforeEach
    void office() {
        office = money.office("63", URI.create("http://localhost:" + port), "1000000.00");
    }

    RequestPostProcessor recorder() {
        return as(new KhlangUser(office.recorder().accountId(), 0, office.recorder().actor().username(), "x", null,
                office.agency().id(), Set.of("RECORDER"), Set.of()));
    }

    static Arbitrary<String> hostileText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(60),
                Arbitraries.strings().withChars("0123456789,.-+eE \u200B\u200D\uFEFF\u0E31\u0E48\u0E49ก").ofMaxLength(30),
                Arbitraries.strings().alpha().ofMinLength(501).ofMaxLength(800),
                Arbitraries.of("1e3", "-1", "0", "1.001", "NaN", "99999999999999999999", "' OR '1'='1", "\"; drop table"
                        + " withdrawal; --", "<img src=x onerror=alert(1)>", "${7*7}", "{{7*7}}", "../../etc/passwd",
                        "\u0000", "กี่\u200Bบาท", "\uD83D\uDCB0", "null", "true", "[]", "{}"));
    }

    static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    static void clear(MockHttpServletResponse response, String what) throws Exception {
        assertThat(response.getStatus()).as(what).isLessThan(500);
        if (response.getStatus() >= 400 && response.getStatus() != 403
                && response.getContentType() != null && response.getContentType().contains("json")) {
            String body = response.getContentAsString(StandardCharsets.UTF_8);
            assertThat(body).as(what).contains("message_th", "message_en");
            assertThat(body).as(what).doesNotContain("Exception", "at org.");
        }
    }

    long withdrawals() {
        return jdbc.queryForObject("select count(*) from withdrawal where agency_id = ?", Long.class,
                office.agency().id());
    }

    @Test
    void withdrawalRequestsWithHostileFieldsAreAnsweredClearlyAndRefusalsWriteNothing() throws Exception {
        List<String> samples = hostileText().sampleStream().limit(SAMPLES).toList();
        int key = 0;
        for (String text : samples) {
            long before = withdrawals();
            String body = """
                    {"type": "KB02", "payeeId": %d, "description": %s,
                     "lines": [{"budgetLineId": %d, "description": %s, "invoiceRef": %s, "amount": %s}]}"""
                    .formatted(office.payee().id(), json(text), office.budget().id(), json(text), json(text),
                            json(text));
            MockHttpServletResponse response = mvc.perform(post("/api/v1/money/withdrawals").with(recorder())
                    .with(csrf()).header("Idempotency-Key", "hostile-" + key++ + "-abcdef")
                    .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse();
            clear(response, text);
            assertThat(withdrawals()).as(text).isEqualTo(response.getStatus() == 201 ? before + 1 : before);
        }
    }

    @Test
    void structurallyBrokenRequestsAreRefusedNotFailed() throws Exception {
        List<String> bodies = new ArrayList<>(List.of("", "{", "[]", "null", "{\"type\": 5}", "{\"payeeId\": \"x\"}",
                "{\"type\": \"KB99\", \"payeeId\": 1}", "{\"lines\": [[[[]]]]}", "{\"payeeId\": 1e400}",
                "{\"type\": \"KB02\", \"payeeId\": 1, \"lines\": null}", "\u0000\u0001"));
        bodies.addAll(Arbitraries.strings().ofMaxLength(100).sampleStream().limit(40).toList());
        int key = 0;
        long before = withdrawals();
        for (String body : bodies) {
            clear(mvc.perform(post("/api/v1/money/withdrawals").with(recorder()).with(csrf())
                    .header("Idempotency-Key", "broken-" + key++ + "-abcdef").contentType(MediaType.APPLICATION_JSON)
                    .content(body)).andReturn().getResponse(), body);
        }
        assertThat(withdrawals()).isEqualTo(before);
    }

    @Test
    void receiptsPayeesAndTheChatBotTakeHostileTextCalmly() throws Exception {
        int key = 0;
        for (String text : hostileText().sampleStream().limit(SAMPLES / 2).toList()) {
            clear(mvc.perform(post("/api/v1/money/receipts").with(recorder()).with(csrf())
                    .header("Idempotency-Key", "receipt-h-" + key++ + "-abc").contentType(MediaType.APPLICATION_JSON)
                    .content("{\"receivedOn\": %s, \"payer\": %s, \"description\": %s, \"method\": \"CASH\","
                            .formatted(json(text), json(text), json(text)) + " \"amount\": " + json(text) + "}"))
                    .andReturn().getResponse(), text);
            clear(mvc.perform(post("/api/v1/money/payees").with(recorder()).with(csrf())
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"kind\": \"FIRM\", \"name\": %s, \"taxId\": %s, \"bankCode\": %s, \"accountNumber\": %s,"
                            .formatted(json(text), json(text), json(text), json(text))
                            + " \"accountName\": " + json(text) + "}")).andReturn().getResponse(), text);
            clear(mvc.perform(get("/help/chat").param("q", text)).andReturn().getResponse(), text);
            clear(mvc.perform(post("/lost-phone").with(csrf()).param("username", text).param("password", text)
                    .param("lossDate", text)).andReturn().getResponse(), text);
        }
    }

    @Test
    void registrarAndDeviceApisTakeHostileTextCalmlyAndWriteNothing() throws Exception {
        KhlangUser registrar = office.registrar();
        RequestPostProcessor asRegistrar = authentication(UsernamePasswordAuthenticationToken.authenticated(
                registrar, null, List.of(new SimpleGrantedAuthority("ROLE_REGISTRAR"),
                        new SimpleGrantedAuthority("SIGNED_IN"))));
        long people = jdbc.queryForObject("select count(*) from person", Long.class);
        long agencies = jdbc.queryForObject("select count(*) from agency", Long.class);
        long devices = jdbc.queryForObject("select count(*) from softtoken_device", Long.class);
        int createdPeople = 0;
        int createdAgencies = 0;
        for (String text : hostileText().sampleStream().limit(SAMPLES / 2).toList()) {
            MockHttpServletResponse person = mvc.perform(post("/api/v1/registrar/people").with(asRegistrar).with(csrf())
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"citizenId\": %s, \"titleTh\": %s, \"firstNameTh\": %s, \"lastNameTh\": %s,"
                            .formatted(json(text), json(text), json(text), json(text))
                            + " \"email\": " + json(text) + ", \"agencyId\": " + office.agency().id() + "}"))
                    .andReturn().getResponse();
            clear(person, text);
            createdPeople += person.getStatus() == 201 ? 1 : 0;
            MockHttpServletResponse agency = mvc.perform(post("/api/v1/registrar/agencies").with(asRegistrar)
                    .with(csrf()).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"code\": %s, \"nameTh\": %s, \"kind\": \"LOCAL\", \"provinceCode\": %s}"
                            .formatted(json(text), json(text), json(text)))).andReturn().getResponse();
            clear(agency, text);
            createdAgencies += agency.getStatus() == 201 ? 1 : 0;
            clear(mvc.perform(post("/api/v1/device/activations").header("Khlang-Device-Proof", text)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"code\": " + json(text) + ", \"deviceName\": " + json(text) + "}"))
                    .andReturn().getResponse(), text);
            clear(mvc.perform(get("/api/v1/device/requests").header("Khlang-Device-Proof", text))
                    .andReturn().getResponse(), text);
        }
        // A refused request writes nothing; only an accepted one (rare for random text) adds its row.
        assertThat(jdbc.queryForObject("select count(*) from softtoken_device", Long.class)).isEqualTo(devices);
        assertThat(jdbc.queryForObject("select count(*) from agency", Long.class))
                .isEqualTo(agencies + createdAgencies);
        assertThat(jdbc.queryForObject("select count(*) from person", Long.class)).isEqualTo(people + createdPeople);
    }

    @Test
    void disguisedAndOversizedUploadsAreRefused() throws Exception {
        List<byte[]> files = List.of(new byte[] {(byte) 0xFF, (byte) 0xFE, 0x00, 0x41}, "MZ\u0090\u0000".getBytes(
                StandardCharsets.ISO_8859_1), "%PDF-1.7 not really".getBytes(StandardCharsets.US_ASCII),
                "fiscal_year,budget_code\n\"unterminated".getBytes(StandardCharsets.UTF_8),
                ("fiscal_year,budget_code,fund_source,gl_code,activity,allotted\n" + "2570,X,1,1,a,1\n".repeat(6000))
                        .getBytes(StandardCharsets.UTF_8),
                new byte[0]);
        for (byte[] content : files) {
            MockHttpServletResponse response = mvc.perform(multipart("/api/v1/money/budget/import")
                    .file(new MockMultipartFile("file", "budget.csv", "text/csv", content)).with(recorder())
                    .with(csrf())).andReturn().getResponse();
            clear(response, "upload of " + content.length + " bytes");
            assertThat(response.getStatus()).isIn(400, 422);
        }
    }

    RequestPostProcessor head() {
        KhlangUser head = office.head();
        return as(new KhlangUser(head.accountId(), 0, head.username(), "หัวหน้า", null, office.agency().id(),
                Set.of("AGENCY_HEAD"), Set.of()));
    }

    long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    /** The head's appointment-order screens: forms, not JSON, so a refusal is a redirect back with a message. */
    @Test
    void appointmentOrdersTakeHostileFormsAndFilesCalmlyAndWriteNothingRefused() throws Exception {
        long agency = office.agency().id();
        long orders = count("select count(*) from appointment_order where agency_id = ?", agency);
        int created = 0;
        for (String text : hostileText().sampleStream().limit(SAMPLES / 2).toList()) {
            MockHttpServletResponse response = mvc.perform(post("/agency/orders").with(head()).with(csrf())
                    .param("number", text).param("date", text).param("signatory", text)).andReturn().getResponse();
            clear(response, text);
            // A NUL character is refused by the firewall (400); anything else comes back to a page.
            assertThat(response.getStatus()).as(text).isEqualTo(text.indexOf(0) >= 0 ? 400 : 302);
            created += response.getStatus() == 302 && response.getRedirectedUrl().matches("/agency/orders/\\d+")
                    ? 1 : 0;
        }
        assertThat(count("select count(*) from appointment_order where agency_id = ?", agency))
                .isEqualTo(orders + created);

        String order = mvc.perform(post("/agency/orders").with(head()).with(csrf()).param("number", "77/2569")
                .param("date", "2026-11-26").param("signatory", "นายก อบต.")).andReturn().getResponse()
                .getRedirectedUrl();
        assertThat(order).matches("/agency/orders/\\d+");
        long orderId = Long.parseLong(order.substring(order.lastIndexOf('/') + 1));
        String recorder = Long.toString(office.recorder().accountId());
        for (String text : hostileText().sampleStream().limit(SAMPLES / 2).toList()) {
            // Hostile dates, duties and guidelines for a real person and right; then hostile ids and rights.
            assignment(orderId, text, post(order + "/assignments").param("accountId", recorder)
                    .param("right", "RECORDER").param("from", text).param("to", text).param("duties", text)
                    .param("controlGuidelines", text).param("credentialCustody", text));
            assignment(orderId, text, post(order + "/assignments").param("accountId", text).param("right", text)
                    .param("from", "2026-11-26").param("duties", "x").param("controlGuidelines", "x")
                    .param("credentialCustody", "x"));
            assignment(orderId, text, post(order + "/endings").param("accountId", recorder)
                    .param("right", "RECORDER").param("from", text));
        }

        List<byte[]> files = List.of("MZ\u0090\u0000 not a pdf".getBytes(StandardCharsets.ISO_8859_1),
                "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8),
                "%PDF-1.7 with no end".getBytes(StandardCharsets.US_ASCII), new byte[0],
                ("%PDF-1.7\n" + "x".repeat(12 * 1024 * 1024) + "\n%%EOF").getBytes(StandardCharsets.US_ASCII));
        for (byte[] content : files) {
            MockHttpServletResponse response = mvc.perform(multipart(order + "/file")
                    .file(new MockMultipartFile("file", "order.pdf", "application/pdf", content)).with(head())
                    .with(csrf())).andReturn().getResponse();
            clear(response, "order file of " + content.length + " bytes");
            assertThat(count("select count(*) from appointment_order where id = ? and file_content is not null",
                    orderId)).as("order file of " + content.length + " bytes").isZero();
        }
    }

    /** One form post to an order: a clear answer, and a row only when it was accepted (no problem flashed back). */
    void assignment(long orderId, String text,
                    org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request) throws Exception {
        long before = count("select count(*) from appointment where order_id = ?", orderId);
        org.springframework.test.web.servlet.MvcResult result = mvc.perform(request.with(head()).with(csrf()))
                .andReturn();
        clear(result.getResponse(), text);
        boolean accepted = result.getResponse().getStatus() == 302 && result.getFlashMap().get("problem") == null;
        assertThat(count("select count(*) from appointment where order_id = ?", orderId)).as(text)
                .isEqualTo(accepted ? before + 1 : before);
    }

    /** The identity provider's answer comes back through the browser, so anyone can send anything there. */
    @Test
    void theProofingCallbackTakesForgedAnswersCalmlyAndRecordsNoProof() throws Exception {
        long proofs = count("select count(*) from proofing_result");
        for (String text : hostileText().sampleStream().limit(SAMPLES / 2).toList()) {
            clear(mvc.perform(get("/login/oauth2/code/paotang").with(recorder()).param("code", text)
                    .param("state", text)).andReturn().getResponse(), text);
            clear(mvc.perform(get("/login/oauth2/code/paotang").param("error", text).param("error_description", text)
                    .param("state", text)).andReturn().getResponse(), text);
            clear(mvc.perform(get("/login/oauth2/code/" + java.net.URLEncoder.encode(text,
                    StandardCharsets.UTF_8)).param("code", "x").param("state", "y")).andReturn().getResponse(), text);
        }
        assertThat(count("select count(*) from proofing_result")).isEqualTo(proofs);
    }

    /** Reports, lists and the audit trail read dates, years, states and pages from the address: any of them. */
    @Test
    void reportAndSearchScreensTakeHostileQueriesCalmly() throws Exception {
        KhlangUser auditor = new KhlangUser(office.head().accountId(), 0, office.head().username(), "ผู้ตรวจ", null,
                office.agency().id(), Set.of("INTERNAL_AUDITOR"), Set.of());
        for (String text : hostileText().sampleStream().limit(SAMPLES / 3).toList()) {
            for (String format : List.of("html", "xlsx", text)) {
                clear(mvc.perform(get("/money/reports/register").with(recorder()).param("from", text)
                        .param("to", text).param("format", format)).andReturn().getResponse(), "register " + text);
                clear(mvc.perform(get("/money/reports/receipts").with(recorder()).param("from", text)
                        .param("to", text).param("format", format)).andReturn().getResponse(), "receipts " + text);
            }
            clear(mvc.perform(get("/money/reports/budget").with(recorder()).param("year", text))
                    .andReturn().getResponse(), "budget " + text);
            clear(mvc.perform(get("/money/reports/gl-detail").with(recorder()).param("gl", text).param("from", text)
                    .param("to", text)).andReturn().getResponse(), "gl " + text);
            clear(mvc.perform(get("/money/reports/trial-balance").with(recorder()).param("date", text))
                    .andReturn().getResponse(), "trial balance " + text);
            clear(mvc.perform(get("/money").with(recorder()).param("state", text).param("page", text))
                    .andReturn().getResponse(), "overview " + text);
            clear(mvc.perform(get("/money/receipts").with(recorder()).param("page", text))
                    .andReturn().getResponse(), "receipt list " + text);
            clear(mvc.perform(get("/api/v1/money/withdrawals").with(recorder()).param("state", text)
                    .param("page", text)).andReturn().getResponse(), "api list " + text);
            clear(mvc.perform(get("/audit/trail").with(as(auditor)).param("who", text).param("action", text)
                    .param("target", text).param("from", text).param("to", text).param("agency", text)
                    .param("page", text)).andReturn().getResponse(), "trail " + text);
        }
    }

    /** Forms of the administrator, the registrar and the help desk: dates and text of any kind, nothing half-saved. */
    @Test
    void staffFormsTakeHostileDatesAndTextAndWriteNothingRefused() throws Exception {
        KhlangUser admin = money.fixtures().admin();
        KhlangUser registrar = office.registrar();
        for (String text : hostileText().sampleStream().limit(SAMPLES / 3).toList()) {
            long holidays = count("select count(*) from holiday");
            org.springframework.test.web.servlet.MvcResult holiday = mvc.perform(post("/admin/holidays")
                    .with(as(admin)).with(csrf()).param("date", text).param("nameTh", text).param("nameEn", text))
                    .andReturn();
            clear(holiday.getResponse(), "holiday " + text);
            boolean added = holiday.getResponse().getStatus() == 302 && holiday.getFlashMap().get("problem") == null;
            assertThat(count("select count(*) from holiday")).as(text).isEqualTo(added ? holidays + 1 : holidays);

            long extensions = count("select count(*) from registration_extension");
            MockHttpServletResponse unknown = mvc.perform(post("/registrar/registration-window").with(as(registrar))
                    .with(csrf()).param("agencyCode", text).param("until", text)).andReturn().getResponse();
            clear(unknown, "window " + text);
            assertThat(unknown.getStatus()).as(text).isBetween(400, 499);
            MockHttpServletResponse real = mvc.perform(post("/registrar/registration-window").with(as(registrar))
                    .with(csrf()).param("agencyCode", office.agency().code().value()).param("until", text))
                    .andReturn().getResponse();
            clear(real, "window of a real agency " + text);
            assertThat(count("select count(*) from registration_extension")).as(text)
                    .isLessThanOrEqualTo(real.getStatus() == 200 ? extensions + 1 : extensions)
                    .isGreaterThanOrEqualTo(extensions);

            long tickets = count("select count(*) from support_ticket");
            MockHttpServletResponse ticket = mvc.perform(post("/help/tickets").with(recorder()).with(csrf())
                    .param("subject", text).param("body", text)).andReturn().getResponse();
            clear(ticket, "ticket " + text);
            boolean opened = ticket.getRedirectedUrl() != null && ticket.getRedirectedUrl().matches("/help/tickets/\\d+");
            assertThat(count("select count(*) from support_ticket")).as(text).isEqualTo(opened ? tickets + 1 : tickets);
        }
    }

    /**
     * Hostile text in the free-text fields of an otherwise valid document: Thai with stacked marks and zero-width
     * characters, markup and injection strings are stored as typed (once); a NUL character, which PostgreSQL cannot
     * store, is refused as a 400 problem before anything is written.
     */
    @Test
    void hostileTextInAValidDocumentIsStoredAsTypedOrRefusedCleanly() throws Exception {
        int key = 0;
        List<String> samples = new ArrayList<>(hostileText().sampleStream().limit(SAMPLES / 2).toList());
        samples.addAll(List.of("ค่า\u0000วัสดุ", "\u0000", "ก\u0E48\u0E49\u0E31\u200Bข"));
        for (String text : samples) {
            long before = withdrawals();
            String body = """
                    {"type": "KB02", "payeeId": %d, "description": %s,
                     "lines": [{"budgetLineId": %d, "description": %s, "amount": "12.50"}]}"""
                    .formatted(office.payee().id(), json(text), office.budget().id(), json(text));
            MockHttpServletResponse response = mvc.perform(post("/api/v1/money/withdrawals").with(recorder())
                    .with(csrf()).header("Idempotency-Key", "text-" + key++ + "-abcdef")
                    .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse();
            clear(response, text);
            if (text.indexOf(0) >= 0) {
                assertThat(response.getStatus()).as(text).isEqualTo(400);
            }
            assertThat(withdrawals()).as(text).isEqualTo(response.getStatus() == 201 ? before + 1 : before);
            if (response.getStatus() == 201) {
                assertThat(jdbc.queryForObject("select description from withdrawal where agency_id = ?"
                        + " order by id desc fetch first 1 rows only", String.class, office.agency().id()))
                        .as(text).isEqualTo(text.strip());
            }
        }

        // The same rule for forms and query parameters (the firewall) and for uploaded files.
        long tickets = count("select count(*) from support_ticket");
        MockHttpServletResponse ticket = mvc.perform(post("/help/tickets").with(recorder()).with(csrf())
                .param("subject", "เรื่อง\u0000").param("body", "ข้อความ")).andReturn().getResponse();
        assertThat(ticket.getStatus()).isEqualTo(400);
        assertThat(count("select count(*) from support_ticket")).isEqualTo(tickets);
        MockHttpServletResponse upload = mvc.perform(multipart("/api/v1/money/budget/import")
                .file(new MockMultipartFile("file", "budget.csv", "text/csv",
                        ("fiscal_year,budget_code,fund_source,gl_code,activity,allotted\n"
                                + "2570,B1,6811000,5104010104,วัสดุ\u0000,100.00\n").getBytes(StandardCharsets.UTF_8)))
                .with(recorder()).with(csrf())).andReturn().getResponse();
        clear(upload, "CSV with a NUL");
        assertThat(upload.getStatus()).isIn(400, 422);
        assertThat(upload.getContentAsString(StandardCharsets.UTF_8)).contains("NUL");
    }
}
