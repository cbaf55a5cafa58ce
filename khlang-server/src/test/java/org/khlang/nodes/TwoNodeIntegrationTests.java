package org.khlang.nodes;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.khlang.KhlangApplication;
import org.khlang.authenticator.KhlangAuthenticator;
import org.khlang.authenticator.PendingRequest;
import org.khlang.disbursement.SigningRequest;
import org.khlang.disbursement.Withdrawal;
import org.khlang.disbursement.WithdrawalState;
import org.khlang.disbursement.Withdrawals;
import org.khlang.shared.Actor;
import org.khlang.softtoken.SoftTokens;
import org.khlang.support.Fixtures;
import org.khlang.support.IntegrationTest;
import org.khlang.support.MoneyFixtures;
import org.khlang.support.MoneyFixtures.Office;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Khlang nodes on one PostgreSQL: the test's own application (node A) and a second one started here (node B)
 * with its own port, sharing nothing but the database — as two nodes behind a load balancer. A sign-in started on
 * one completes with the phone talking to the other; an approval asked on A is signed through B and used on A; a
 * suspension on A is refused by B at once.
 */
@IntegrationTest
class TwoNodeIntegrationTests {

    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final Pattern NUMBER = Pattern.compile("data-digits=\"(\\d{6})\"");

    static ConfigurableApplicationContext nodeB;

    @LocalServerPort
    int port;

    @Autowired
    MoneyFixtures money;

    @Autowired
    Withdrawals withdrawals;

    @Autowired
    SoftTokens softTokens;

    @BeforeAll
    static void startNodeB() {
        nodeB = new SpringApplicationBuilder(KhlangApplication.class).profiles("test")
                .run("--server.port=0", "--management.server.port=0", "--khlang.proofing.dev-provider-port=0",
                        "--spring.main.banner-mode=off");
    }

    @AfterAll
    static void stopNodeB() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    static URI nodeB() {
        return URI.create("http://localhost:" + ((WebServerApplicationContext) nodeB).getWebServer().getPort());
    }

    @Test
    void aSignInStartedOnOneNodeIsConfirmedThroughTheOtherAndAnApprovalToo() throws Exception {
        URI nodeA = URI.create("http://localhost:" + port);
        Office office = money.office("64", nodeA, "5000.00");
        KhlangAuthenticator phoneOnB = office.approver1().phone().withServer(nodeB());

        // The browser talks to node A; the phone's calls reach node B.
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        String csrf = csrf(get(browser, nodeA.resolve("/login")).body());
        HttpResponse<String> password = post(browser, nodeA.resolve("/login"), "username="
                + encode(office.approver1().actor().username()) + "&password=" + encode(Fixtures.GOOD_PASSWORD)
                + "&_csrf=" + encode(csrf));
        // The number comes in the answer to the password (the server forwards to the page, no redirect).
        assertThat(password.statusCode()).isEqualTo(200);
        String page = password.body();
        Matcher number = NUMBER.matcher(page);
        assertThat(number.find()).isTrue();
        List<PendingRequest> pending = phoneOnB.pending();
        assertThat(phoneOnB.approve(pending.getFirst(), Integer.parseInt(number.group(1))).approved()).isTrue();
        HttpResponse<String> complete = post(browser, nodeA.resolve("/login/confirm/complete"),
                "_csrf=" + encode(csrf(page)));
        assertThat(complete.headers().firstValue("Location").orElse("")).endsWith("/");
        assertThat(get(browser, nodeA.resolve("/")).statusCode()).isEqualTo(200);
        // The session lives in PostgreSQL: node B knows it too.
        assertThat(get(browser, nodeB().resolve("/")).statusCode()).isEqualTo(200);

        // An approval asked on node A, signed through node B, used on node A.
        Withdrawal recorded = money.recorded(office, "120.00");
        SigningRequest request = withdrawals.askApproval1(recorded.id(), office.approver1().actor());
        PendingRequest approval = phoneOnB.pending().stream()
                .filter(candidate -> candidate.id().equals(request.confirmationId())).findFirst().orElseThrow();
        assertThat(phoneOnB.approve(approval, null).approved()).isTrue();
        assertThat(withdrawals.approve1(recorded.id(), request.confirmationId(), office.approver1().actor()).state())
                .isEqualTo(WithdrawalState.WITHDRAWAL_APPROVED);

        // Suspended on node A: the session ends on node B too.
        softTokens.suspend(office.approver1().accountId(), "lost", Actor.SYSTEM);
        HttpResponse<String> after = get(browser, nodeB().resolve("/"));
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElse("")).contains("/login");
    }

    @Test
    void aPhoneSuspendedOnOneNodeIsRefusedByTheOtherWithinASecond() throws Exception {
        URI nodeA = URI.create("http://localhost:" + port);
        Office office = money.office("65", nodeA, "100.00");
        KhlangAuthenticator phoneOnB = office.approver2().phone().withServer(nodeB());
        assertThat(phoneOnB.status()).containsEntry("state", "ACTIVE");

        long suspendedAt = System.nanoTime();
        softTokens.suspend(office.approver2().accountId(), "lost", Actor.SYSTEM);
        int status;
        try {
            phoneOnB.pending();
            status = 200;
        } catch (KhlangAuthenticator.ServerRefusedException refused) {
            status = refused.status();
        }
        long millis = (System.nanoTime() - suspendedAt) / 1_000_000;

        assertThat(status).isIn(401, 403);
        assertThat(millis).isLessThan(1000);
    }

    static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(HttpClient http, URI uri, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String csrf(String page) {
        Matcher matcher = CSRF.matcher(page);
        assertThat(matcher.find()).as("a CSRF token on the page").isTrue();
        return matcher.group(1);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
