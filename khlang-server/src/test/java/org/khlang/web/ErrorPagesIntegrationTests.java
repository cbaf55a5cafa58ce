package org.khlang.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.khlang.identity.KhlangUser;
import org.khlang.support.Fixtures;
import org.khlang.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.khlang.support.SignedIn.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Pages and the API refuse differently: a browser asking for a page gets the Thai error page for every error status,
 * raised by a controller, by a security filter or by the servlet container; the JSON API keeps RFC 9457 problem
 * details for the same cases, even when a browser asks for it. Over real HTTP where the container's error dispatch
 * matters (MockMvc does not perform it). An upload over the limit is proven in ErrorPagesBrowserTests: Tomcat closes
 * the connection after refusing it, which Chromium handles and Java's HTTP client reports as a broken pipe.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ErrorPagesIntegrationTests {

    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @LocalServerPort
    int port;

    KhlangUser registrar;
    KhlangUser admin;

    @BeforeEach
    void people() {
        registrar = fixtures.registrar(fixtures.office("50"));
        admin = fixtures.admin();
    }

    @Test
    void theApiAnswersProblemDetailsForForbiddenMissingSignedOutAndStaleCsrf() throws Exception {
        mvc.perform(get("/api/v1/audit/checkpoints").with(as(registrar)).accept(MediaType.TEXT_HTML))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("forbidden"))
                .andExpect(jsonPath("$.message_th").value("ท่านไม่มีสิทธิ์ทำรายการนี้"));
        mvc.perform(get("/api/v1/me"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("unauthenticated"));
        mvc.perform(post("/api/v1/audit/verifications").with(as(admin)).with(csrf().useInvalidToken()))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("forbidden"));

        // Over HTTP: an API address nothing answers, asked for by a browser, is still a problem, not a page.
        Http http = new Http(port);
        http.signIn(admin.username());
        HttpResponse<String> missing = http.get("/api/v1/audit/no-such-thing", BROWSER_ACCEPT);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(missing.body()).contains("\"code\":\"notFound\"", "\"instance\":\"/api/v1/audit/no-such-thing\"");
        HttpResponse<String> ended = new Http(port).get("/api/v1/me", BROWSER_ACCEPT);
        assertThat(ended.statusCode()).isEqualTo(401);
        assertThat(ended.body()).contains("\"code\":\"unauthenticated\"");
    }

    @Test
    void aPageRefusedByAFilterOrTheContainerIsTheThaiErrorPageForEachStatus() throws Exception {
        Http http = new Http(port);
        http.signIn(registrar.username());

        assertThaiPage(http.get("/audit/compliance", BROWSER_ACCEPT), 403, "ท่านไม่มีสิทธิ์เปิดหน้านี้");
        assertThaiPage(http.get("/registrar/no-such-page", BROWSER_ACCEPT), 404, "ไม่พบหน้าที่ต้องการ");
        // A wrong method on a page that exists, a path variable that is not a number, a NUL the firewall refuses.
        assertThaiPage(http.post("/help", "x=1"), 405, "เปิดหน้านี้ด้วยวิธีนี้ไม่ได้");
        assertThaiPage(http.get("/registrar/people/not-a-number", BROWSER_ACCEPT), 400, "คำขอไม่ถูกต้อง");
        assertThaiPage(http.get("/registrar/people;x=1", BROWSER_ACCEPT), 400, "คำขอไม่ถูกต้อง");
        // A stale CSRF token: the form's advice, not "not allowed".
        assertThaiPage(http.postWithToken("/account/password", "current=x", "stale-token"), 403,
                "แบบฟอร์มนี้หมดอายุแล้ว");
        // The same refusals for a caller that does not ask for HTML are problems, as before.
        HttpResponse<String> script = http.get("/audit/compliance", "application/json");
        assertThat(script.statusCode()).isEqualTo(403);
        assertThat(script.body()).contains("\"code\":\"forbidden\"");
    }

    @Test
    void aRefusalAPageControllerRaisesIsShownWithItsMessageOnTheErrorPage() throws Exception {
        mvc.perform(get("/registrar/people/987654321").with(as(registrar)).accept(MediaType.TEXT_HTML))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("id=\"error-heading\">ไม่พบหน้าที่ต้องการ")))
                .andExpect(content().string(containsString("id=\"error-message\"")))
                .andExpect(content().string(containsString("<html lang=\"th\"")));
    }

    @Test
    void aServerErrorShowsAnIncidentIdThatIsAlsoInTheLog(CapturedOutput log) throws Exception {
        MvcResult page = mvc.perform(get("/error").accept(MediaType.TEXT_HTML)
                        .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 500)
                        .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/registrar/people")
                        .requestAttr(RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("planted")))
                .andExpect(status().isInternalServerError())
                .andExpect(content().string(containsString("ระบบขัดข้อง")))
                .andReturn();
        Matcher incident = Pattern.compile("<code>([0-9a-f-]{36})</code>")
                .matcher(page.getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(incident.find()).isTrue();
        assertThat(log.getOut()).contains("incident " + incident.group(1)).contains("planted");

        MvcResult api = mvc.perform(get("/error").accept(MediaType.TEXT_HTML)
                        .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 500)
                        .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/api/v1/me")
                        .requestAttr(RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("planted too")))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("internal"))
                .andExpect(jsonPath("$.message_th", startsWith("ระบบขัดข้อง")))
                .andReturn();
        String apiIncident = com.jayway.jsonpath.JsonPath.read(api.getResponse().getContentAsString(), "$.incident");
        assertThat(log.getOut()).contains("incident " + apiIncident).contains("planted too");
        assertThat(api.getResponse().getContentAsString()).doesNotContain("IllegalStateException");
    }

    private static void assertThaiPage(HttpResponse<String> response, int status, String heading) {
        assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body())
                .contains("<html lang=\"th\"")
                .contains("<title>" + heading + " · คลัง</title>")
                .contains("id=\"error-heading\">" + heading + "</h1>")
                .contains("id=\"help-link\"")
                .contains("0 2032 2636")
                .doesNotContain("\"type\":\"https://khlang.org/problems/");
    }

    /** A browser-like client: cookies, the sign-in form's CSRF token, redirects not followed. */
    private static final class Http {

        private static final Pattern TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

        private final String base;
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        private String token;

        Http(int port) {
            this.base = "http://localhost:" + port;
        }

        void signIn(String username) throws IOException, InterruptedException {
            readToken(get("/login", BROWSER_ACCEPT));
            HttpResponse<String> signedIn = postWithToken("/login", "username=" + encode(username) + "&password="
                    + encode(Fixtures.GOOD_PASSWORD), token);
            assertThat(signedIn.statusCode()).isEqualTo(302);
            assertThat(signedIn.headers().firstValue("location")).hasValue(base + "/");
            readToken(get("/account", BROWSER_ACCEPT));
        }

        HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
            return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
            return postWithToken(path, form, token);
        }

        HttpResponse<String> postWithToken(String path, String form, String csrf)
                throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Accept", BROWSER_ACCEPT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + encode(csrf))).build();
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        private void readToken(HttpResponse<String> page) {
            Matcher matcher = TOKEN.matcher(page.body());
            assertThat(matcher.find()).as("a CSRF token on " + page.uri()).isTrue();
            token = matcher.group(1);
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }
}
