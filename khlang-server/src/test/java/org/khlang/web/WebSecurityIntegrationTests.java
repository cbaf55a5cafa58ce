package org.khlang.web;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.authority.Agency;
import org.khlang.identity.IssuedCredential;
import org.khlang.identity.KhlangUser;
import org.khlang.support.Fixtures;
import org.khlang.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.khlang.support.SignedIn.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Deny by default, problem details, CSRF and headers, walked over every page and API of the foundation. */
@IntegrationTest
class WebSecurityIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    KhlangUser registrar;
    KhlangUser admin;
    KhlangUser plain;
    KhlangUser head;
    Agency agency;

    @BeforeEach
    void people() {
        registrar = fixtures.registrar(fixtures.office("46"));
        admin = fixtures.admin();
        agency = fixtures.localAgency("46");
        IssuedCredential issued = fixtures.issue(registrar, agency);
        fixtures.activate(issued);
        plain = new KhlangUser(issued.account().id(), issued.person().id(), issued.account().username().value(),
                issued.person().fullNameTh(), null, agency.id(), java.util.Set.of(), java.util.Set.of());
        head = fixtures.head(registrar, agency);
    }

    @Test
    void everyPageAndApiCallAllowsOnlyTheRightsItNames() throws Exception {
        // path -> who may GET it (others: anonymous is sent to sign in or answered 401, the signed-in get 403)
        Map<String, List<String>> matrix = Map.ofEntries(
                Map.entry("/admin/staff", List.of("admin")),
                Map.entry("/", List.of("plain", "registrar", "admin", "head")),
                Map.entry("/account", List.of("plain", "registrar", "admin", "head")),
                Map.entry("/api/v1/me", List.of("plain", "registrar", "admin", "head")),
                Map.entry("/softtoken", List.of("plain", "registrar", "admin", "head")),
                Map.entry("/agency/orders", List.of("head")),
                Map.entry("/registrar/orders", List.of("registrar")),
                Map.entry("/registrar/registration-window", List.of("registrar")),
                Map.entry("/registrar/people", List.of("registrar")),
                Map.entry("/registrar/agencies", List.of("registrar")),
                Map.entry("/registrar/legacy-import", List.of("registrar")),
                Map.entry("/api/v1/registrar/people", List.of("registrar")),
                Map.entry("/api/v1/registrar/agencies", List.of("registrar")),
                Map.entry("/audit/verify", List.of("admin")),
                // Money: the agency's rights (here the head's); a SYSTEM_ADMIN never sees money.
                Map.entry("/money", List.of("head")),
                Map.entry("/money/budget", List.of("head")),
                Map.entry("/money/payees", List.of("head")),
                Map.entry("/money/receipts", List.of("head")),
                Map.entry("/money/reports", List.of("head")),
                Map.entry("/money/reports/trial-balance", List.of("head")),
                Map.entry("/money/withholding", List.of("head")),
                Map.entry("/money/withdrawals/new-list", List.of("head")),
                Map.entry("/admin/withholding", List.of("admin")),
                Map.entry("/api/v1/money/withdrawals", List.of("head")),
                Map.entry("/api/v1/money/budget", List.of("head")),
                Map.entry("/api/v1/money/receipts", List.of("head")),
                Map.entry("/internal/anything", List.of()));
        Map<String, KhlangUser> users = Map.of("plain", plain, "registrar", registrar, "admin", admin, "head", head);
        for (var entry : matrix.entrySet()) {
            String path = entry.getKey();
            boolean api = path.startsWith("/api/");
            var anonymous = mvc.perform(get(path)).andReturn().getResponse();
            assertThat(anonymous.getStatus()).as("anonymous " + path).isEqualTo(api ? 401 : 302);
            for (var user : users.entrySet()) {
                int status = mvc.perform(get(path).with(as(user.getValue()))).andReturn().getResponse().getStatus();
                // An address that no page answers is not found for a signed-in person, not "not allowed".
                int refused = path.startsWith("/internal") ? 404 : 403;
                int expected = entry.getValue().contains(user.getKey()) ? 200 : refused;
                assertThat(status).as(user.getKey() + " GET " + path).isEqualTo(expected);
            }
        }
    }

    @Test
    void anAdministratorIssuesARegistrarWhoServesTheChosenOffice() throws Exception {
        long office = fixtures.office("50").id();
        String username = "reg.cm" + System.nanoTime() % 100000;
        mvc.perform(post("/admin/staff").with(as(admin)).with(csrf()).param("right", "REGISTRAR")
                        .param("registrarOfficeId", Long.toString(office)).param("username", username)
                        .param("citizenId", Fixtures.citizenId().value()).param("titleTh", "นาง")
                        .param("firstNameTh", "เชียงใหม่").param("lastNameTh", "ลงทะเบียน"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(username)));
        mvc.perform(post("/admin/staff").with(as(admin)).with(csrf()).param("right", "REGISTRAR")
                        .param("username", "x").param("citizenId", "123").param("titleTh", "นาง")
                        .param("firstNameTh", "ก").param("lastNameTh", "ข"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/admin/staff").with(as(registrar)).with(csrf()).param("right", "SYSTEM_ADMIN")
                        .param("username", "sneaky").param("citizenId", Fixtures.citizenId().value())
                        .param("titleTh", "นาย").param("firstNameTh", "ก").param("lastNameTh", "ข"))
                .andExpect(status().isForbidden());
    }

    @Test
    void everyStateChangingEndpointAllowsOnlyTheRightsItNames() throws Exception {
        List<String> everyone = List.of("plain", "registrar", "admin", "head");
        Map<String, List<String>> matrix = Map.ofEntries(
                Map.entry("/account/password", everyone),
                Map.entry("/softtoken/activation", everyone),
                Map.entry("/login/confirm", List.of()),
                Map.entry("/login/confirm/complete", List.of()),
                Map.entry("/login/confirm/code", List.of()),
                Map.entry("/login/confirm/again", List.of()),
                Map.entry("/registrar/people/new", List.of("registrar")),
                Map.entry("/registrar/people/999999/reissue", List.of("registrar")),
                Map.entry("/registrar/people/999999/state", List.of("registrar")),
                Map.entry("/registrar/people/999999/suspend-token", List.of("registrar")),
                Map.entry("/registrar/agencies/new", List.of("registrar")),
                Map.entry("/registrar/agencies/import", List.of("registrar")),
                Map.entry("/registrar/legacy-import", List.of("registrar")),
                Map.entry("/registrar/registration-window", List.of("registrar")),
                Map.entry("/registrar/orders/999999/approve", List.of("registrar")),
                Map.entry("/registrar/orders/999999/reject", List.of("registrar")),
                Map.entry("/registrar/orders/999999/confirm", List.of("registrar")),
                Map.entry("/registrar/head-appointments", List.of("registrar")),
                Map.entry("/registrar/head-appointments/999999/submit", List.of("registrar")),
                Map.entry("/api/v1/registrar/people", List.of("registrar")),
                Map.entry("/api/v1/registrar/agencies", List.of("registrar")),
                Map.entry("/admin/staff", List.of("admin")),
                Map.entry("/audit/verify", List.of("admin")),
                Map.entry("/api/v1/audit/verifications", List.of("admin")),
                Map.entry("/agency/orders", List.of("head")),
                Map.entry("/agency/orders/999999/assignments", List.of("head")),
                Map.entry("/agency/orders/999999/endings", List.of("head")),
                Map.entry("/agency/orders/999999/submit", List.of("head")),
                Map.entry("/agency/orders/999999/confirm", List.of("head")),
                Map.entry("/money/withdrawals", List.of("head")),
                Map.entry("/money/withdrawals/999999/approve", List.of("head")),
                Map.entry("/money/payments/approve", List.of("head")),
                Map.entry("/money/payments/confirm", List.of("head")),
                Map.entry("/money/receipts", List.of("head")),
                Map.entry("/money/remittances", List.of("head")),
                Map.entry("/money/payees", List.of("head")),
                Map.entry("/money/budget", List.of("head")),
                Map.entry("/money/withdrawals/list", List.of("head")),
                Map.entry("/money/withholding/remit", List.of("head")),
                Map.entry("/money/payees/999999/tax-status", List.of("head")),
                Map.entry("/admin/withholding", List.of("admin")),
                Map.entry("/api/v1/money/withdrawals", List.of("head")),
                Map.entry("/api/v1/money/payment-batches", List.of("head")),
                Map.entry("/api/v1/money/receipts", List.of("head")),
                Map.entry("/api/v1/money/remittances", List.of("head")),
                Map.entry("/internal/anything", List.of()));
        Map<String, KhlangUser> users = Map.of("plain", plain, "registrar", registrar, "admin", admin, "head", head);
        for (var entry : matrix.entrySet()) {
            String path = entry.getKey();
            int anonymous = mvc.perform(post(path).with(csrf())).andReturn().getResponse().getStatus();
            assertThat(anonymous).as("anonymous POST " + path).isIn(302, 401);
            for (var user : users.entrySet()) {
                var response = mvc.perform(post(path).with(as(user.getValue())).with(csrf())).andReturn().getResponse();
                assertThat(response.getStatus()).as(user.getKey() + " POST " + path).isLessThan(500);
                assertThat(deniedBySecurity(response)).as(user.getKey() + " POST " + path)
                        .isEqualTo(!entry.getValue().contains(user.getKey()));
            }
        }
    }

    @Test
    void anonymousApiCallsGetAProblemInThaiAndEnglish() throws Exception {
        mvc.perform(get("/api/v1/me")).andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.message_th").value("โปรดเข้าสู่ระบบก่อน"))
                .andExpect(jsonPath("$.message_en").value("Please sign in first."));
    }

    @Test
    void stateChangingRequestsWithoutTheCsrfTokenAreRefused() throws Exception {
        mvc.perform(post("/login").param("username", "x").param("password", "y")).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/registrar/people").with(as(registrar)).contentType(MediaType.APPLICATION_JSON)
                .content("{}")).andExpect(status().isForbidden());
    }

    @Test
    @Tag("R15")
    void everyPageNamesTheHelpChannelsOfTheLetter() throws Exception {
        for (String path : List.of("/login", "/")) {
            var request = path.equals("/") ? get(path).with(as(plain)) : get(path);
            mvc.perform(request).andExpect(status().isOk())
                    .andExpect(content().string(containsString("0 2032 2636")))
                    .andExpect(content().string(containsString("@gfmiscc")));
        }
    }

    @Test
    void pagesCarryTheSecurityHeaders() throws Exception {
        mvc.perform(get("/login")).andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", containsString("default-src 'self'")))
                .andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Referrer-Policy", "same-origin"));
    }

    @Test
    void issuingThroughTheApiReturnsThePasswordOnceAndNamesEveryBadField() throws Exception {
        mvc.perform(post("/api/v1/registrar/people").with(as(registrar)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"citizenId":"1101700230707","titleTh":"นาย","firstNameTh":"","lastNameTh":"ทดสอบ",
                                 "mobile":"12","agencyId":%d}""".formatted(agency.id())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("person.invalid"))
                .andExpect(jsonPath("$.errors[0].field").value("citizenId"))
                .andExpect(jsonPath("$.errors[0].message_th", containsString("เลขตรวจสอบ")))
                .andExpect(jsonPath("$.errors[1].field").value("firstNameTh"))
                .andExpect(jsonPath("$.errors[2].field").value("mobile"));

        mvc.perform(post("/api/v1/registrar/people").with(as(registrar)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"citizenId":"%s","titleTh":"นาง","firstNameTh":"สมใจ","lastNameTh":"ทดสอบ",
                                 "agencyId":%d}""".formatted(Fixtures.citizenId().value(), agency.id())))
                .andExpect(status().isCreated())
                .andExpect(header().string("Cache-Control", containsString("no-store")))
                .andExpect(jsonPath("$.initialPassword").isString())
                .andExpect(jsonPath("$.person.state").value("ISSUED"));

        KhlangUser elsewhere = fixtures.registrar(fixtures.office("47"));
        mvc.perform(post("/api/v1/registrar/people").with(as(elsewhere)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"citizenId":"%s","titleTh":"นาง","firstNameTh":"สมใจ","lastNameTh":"ทดสอบ",
                                 "agencyId":%d}""".formatted(Fixtures.citizenId().value(), agency.id())))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("registrar.notServing"));

        mvc.perform(post("/api/v1/registrar/people").with(as(registrar)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{not json"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("request.unreadable"));
    }

    @Test
    void theAgencyImportApiAnswersEveryBadRowOrRefusesAFileThatIsNotUtf8() throws Exception {
        String bad = "code,name_th,name_en,kind,local_kind,province,pilot\n123,อบต.,,LOCAL,อบต.,46,no\n";
        mvc.perform(multipart("/api/v1/registrar/agencies/import")
                        .file(new MockMultipartFile("file", "a.csv", "text/csv", bad.getBytes(StandardCharsets.UTF_8)))
                        .with(as(registrar)).with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.imported").value(false))
                .andExpect(jsonPath("$.errors[0].line").value(2))
                .andExpect(jsonPath("$.errors[0].code").value("agencyCode.format"));

        byte[] tis620 = "code,name_th\n1234567890,อบต.\n".getBytes(Charset.forName("TIS-620"));
        mvc.perform(multipart("/api/v1/registrar/agencies/import")
                        .file(new MockMultipartFile("file", "a.csv", "text/csv", tis620))
                        .with(as(registrar)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("import.notUtf8"));
    }

    @Test
    void theIssueFormShowsItsRefusalInThai() throws Exception {
        mvc.perform(post("/registrar/people/new").with(as(registrar)).with(csrf())
                        .param("agencyCode", agency.code().value()).param("citizenId", "1101700230707")
                        .param("titleTh", "นาย").param("firstNameTh", "ทดสอบ").param("lastNameTh", "ระบบ"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("เลขตรวจสอบหลักสุดท้ายไม่ตรง")));
        mvc.perform(get("/registrar/people/999999").with(as(registrar)))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("ไม่พบบัญชีผู้ใช้")));
    }

    @Test
    void anAdministratorVerifiesTheAuditChainThroughTheApi() throws Exception {
        mvc.perform(post("/api/v1/audit/verifications").with(as(admin)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.intact").value(true));
        mvc.perform(post("/audit/verify").with(as(admin)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"verification\"")));
    }

    @Test
    void theEnglishSwitchWorksOnEveryPageAndSticks() throws Exception {
        var result = mvc.perform(get("/login").param("lang", "en")).andExpect(status().isOk())
                .andExpect(content().string(containsString("Sign in to Khlang"))).andReturn();
        var cookie = result.getResponse().getCookie("khlang-lang");
        assertThat(cookie).isNotNull();
        mvc.perform(get("/login").cookie(cookie)).andExpect(content().string(containsString("Sign in to Khlang")));
        mvc.perform(get("/login")).andExpect(content().string(containsString("เข้าสู่ระบบคลัง")));
    }

    @Test
    void unknownFailuresNeverShowAStackTrace() throws Exception {
        mvc.perform(get("/api/v1/registrar/people").param("page", "not-a-number").with(as(registrar)))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("Exception"))));
    }

    /**
     * Refused by the security layer (not by the command itself, which may refuse a bad request with 403 too): the
     * servlet error of the access-denied handler, or the API's "forbidden"/"unauthenticated" problem.
     */
    private static boolean deniedBySecurity(org.springframework.mock.web.MockHttpServletResponse response)
            throws Exception {
        if (response.getStatus() != 403 && response.getStatus() != 401 && response.getStatus() != 404) {
            return false;
        }
        String body = response.getContentAsString();
        return response.getErrorMessage() != null || body.contains("\"code\":\"forbidden\"")
                || body.contains("\"code\":\"unauthenticated\"");
    }

}
