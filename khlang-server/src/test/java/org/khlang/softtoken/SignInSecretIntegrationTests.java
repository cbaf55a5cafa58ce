package org.khlang.softtoken;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.audit.AuditLog;
import org.khlang.audit.AuditRecord;
import org.khlang.authenticator.KhlangAuthenticator;
import org.khlang.authenticator.PendingRequest;
import org.khlang.authenticator.Protocol;
import org.khlang.identity.KhlangUser;
import org.khlang.support.Fixtures;
import org.khlang.support.IntegrationTest;
import org.khlang.support.MutableClock;
import org.khlang.support.Notice;
import org.khlang.support.Notices;
import org.khlang.support.SignedIn;
import org.khlang.support.SoftTokenFixtures;
import org.khlang.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The six-digit sign-in secret of NIST SP 800-63B-4 §3.1.3.2 and its rate limit (§3.2.2; ASVS 5.0 6.5.4, 6.6.2-6.6.4),
 * against the running server on PostgreSQL with the reference authenticator as the phone: the browser shows six
 * digits, the phone sends them back signed; a wrong one ends the request and counts, the count survives new
 * requests, every tenth in a row pauses the pushes for 15 minutes with notices, the hundredth locks them until a
 * registrar or the Contact Center unlocks them.
 */
@IntegrationTest
@Tag("R5")
@Tag("AAL2")
class SignInSecretIntegrationTests {

    /** Past the push limit's window (5 in 10 minutes) with every login: one every 2 minutes and a second. */
    private static final Duration BETWEEN_LOGINS = Duration.ofMinutes(2).plusSeconds(1);

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    SoftTokenFixtures tokens;

    @Autowired
    Fixtures fixtures;

    @Autowired
    SoftTokens softTokens;

    @Autowired
    MutableClock clock;

    @Autowired
    AuditLog audit;

    @Autowired
    Notices notices;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theBrowserShowsSixDigitsGroupedThreeAndThreeAndAQrCodeOfTheRequestAndTheSecret() throws Exception {
        SoftTokenFixtures.Enrolled enrolled = tokens.enrolled("52", server());
        WebSession browser = new WebSession(mvc);
        browser.perform(post("/login").with(csrf()).param("username", enrolled.person().username())
                .param("password", Fixtures.GOOD_PASSWORD)).andExpect(forwardedUrl("/login/confirm"));
        String page = browser.perform(get("/login/confirm")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();

        String digits = page.replaceAll("(?s).*data-digits=\"(\\d{6})\".*", "$1");
        assertThat(digits).matches("[0-9]{6}");
        assertThat(page).contains("<span>" + digits.substring(0, 3) + "</span><span class=\"second\">"
                + digits.substring(3) + "</span>");
        assertThat(page).contains("id=\"number-qr\"").contains("src=\"data:image/svg+xml;base64,");
        PendingRequest request = enrolled.phone().pending().getFirst();
        assertThat(request.numberRequired()).isTrue();
        // The phone is told a secret is needed, never the secret itself.
        assertThat(request.display()).doesNotContainValue(digits);
        assertThat(enrolled.phone().approve(request, Integer.parseInt(digits)).approved()).isTrue();
    }

    @Test
    void secretsAreDrawnFromAllMillionValues() {
        SoftTokenFixtures.Enrolled enrolled = tokens.enrolled("52", server());
        TokenHolder holder = holder(enrolled);
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        int highest = 0;
        Instant at = clock.instant();
        for (int i = 0; i < 60; i++) {
            clock.set(at = at.plus(BETWEEN_LOGINS));
            LoginStart.Started started = (LoginStart.Started) softTokens.startLogin(holder, BROWSER);
            assertThat(started.shownNumber()).matches("[0-9]{6}");
            seen.add(started.number());
            highest = Math.max(highest, started.number());
        }
        // Two-digit numbers (the old secret) would repeat within 60 draws and stay under 100: six digits do not.
        assertThat(seen).hasSizeGreaterThan(55);
        assertThat(highest).isGreaterThan(99_999);
    }

    @Test
    void aWrongSecretEndsTheRequestAtOnceAndCounts() {
        SoftTokenFixtures.Enrolled enrolled = tokens.enrolled("52", server());
        KhlangAuthenticator phone = enrolled.phone().withClock(clock);
        LoginStart.Started started = start(enrolled);

        PendingRequest pending = request(phone, started);
        KhlangAuthenticator.Outcome wrong = phone.approve(pending, other(started.number()));

        assertThat(wrong.state()).isEqualTo("DENIED");
        assertThat(wrong.code()).isEqualTo("request.wrongNumber");
        assertThat(softTokens.loginState(started.requestId(), enrolled.person().accountId()))
                .isEqualTo(RequestState.DENIED);
        // The right secret, a moment later, on the same request: it ended.
        assertThat(phone.approve(pending, started.number()).httpStatus()).isEqualTo(409);
        assertThat(softTokens.pushHold(enrolled.person().accountId())).get()
                .extracting(PushHold::consecutiveFailures).isEqualTo(1);
    }

    @Test
    void aNewRequestKeepsTheFailureCountAndOnlyAProvenSignInEndsIt() {
        SoftTokenFixtures.Enrolled enrolled = tokens.enrolled("52", server());
        KhlangAuthenticator phone = enrolled.phone().withClock(clock);
        long accountId = enrolled.person().accountId();
        failOnce(enrolled, phone);
        failOnce(enrolled, phone);
        // A denial is the person's own answer: it does not count, and does not end the run either.
        clock.advance(BETWEEN_LOGINS);
        LoginStart.Started denied = start(enrolled);
        assertThat(phone.deny(request(phone, denied)).state()).isEqualTo("DENIED");
        failOnce(enrolled, phone);
        assertThat(softTokens.pushHold(accountId).orElseThrow().consecutiveFailures()).isEqualTo(3);

        clock.advance(BETWEEN_LOGINS);
        LoginStart.Started right = start(enrolled);
        assertThat(phone.approve(request(phone, right), right.number()).approved()).isTrue();
        assertThat(softTokens.pushHold(accountId).orElseThrow().consecutiveFailures()).isZero();
    }

    @Test
    void aWrongOfflineCodeCountsLikeAWrongSecret() {
        SoftTokenFixtures.Enrolled enrolled = tokens.enrolled("52", server());
        LoginStart.Started started = start(enrolled);

        assertThat(softTokens.acceptOfflineCode(enrolled.person().accountId(), "000000", started.requestId())
                || softTokens.acceptOfflineCode(enrolled.person().accountId(), "999999", started.requestId()))
                .isFalse();

        assertThat(softTokens.pushHold(enrolled.person().accountId()).orElseThrow().consecutiveFailures())
                .isEqualTo(2);
    }

    @Test
    void aSecretReplayedOnAnotherRequestIsRefused() throws Exception {
        SoftTokenFixtures.Enrolled enrolled = tokens.enrolled("52", server());
        KhlangAuthenticator phone = enrolled.phone().withClock(clock);
        LoginStart.Started first = start(enrolled);
        PendingRequest firstRequest = request(phone, first);
        String firstDecision = enrolled.phone().key().sign(Protocol.DECISION_TYPE, enrolled.phone().deviceId(),
                Map.of("rid", firstRequest.id(), "nonce", firstRequest.nonce(), "decision", "APPROVE",
                        "number", first.number(), "iat", clock.instant().getEpochSecond()));
        assertThat(phone.approve(firstRequest, first.number()).approved()).isTrue();

        // The next request has a secret of its own (drawn again in the one-in-a-million case that it is the same).
        LoginStart.Started second;
        do {
            second = start(enrolled); // at once: the replayed decision is fresh, so only what it names can refuse it
        } while (second.number() == first.number());
        PendingRequest secondRequest = request(phone, second);

        // The first request's signed decision, sent for the second: it names another request and nonce.
        java.net.http.HttpResponse<String> replayed = java.net.http.HttpClient.newHttpClient().send(
                phone.signed("POST", Protocol.decision(secondRequest.id()),
                        "{\"signature\":\"" + firstDecision + "\"}"),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(replayed.statusCode()).isEqualTo(422);
        assertThat(replayed.body()).contains("decision.mismatch");
        // The first request's secret, newly signed for the second: a wrong secret, which ends the second.
        KhlangAuthenticator.Outcome reused = phone.approve(secondRequest, first.number());
        assertThat(reused.code()).isEqualTo("request.wrongNumber");
        assertThat(softTokens.loginState(second.requestId(), enrolled.person().accountId()))
                .isEqualTo(RequestState.DENIED);
    }

    @Test
    void theTenthWrongSecretInARowPausesPushesForFifteenMinutesAndTellsThePersonAndTheContactCenter()
            throws Exception {
        KhlangUser helpdesk = fixtures.helpdesk();
        SoftTokenFixtures.Enrolled enrolled = tokens.enrolled("52", server());
        KhlangAuthenticator phone = enrolled.phone().withClock(clock);
        long accountId = enrolled.person().accountId();
        for (int i = 0; i < 9; i++) {
            failOnce(enrolled, phone);
        }
        assertThat(softTokens.pushHold(accountId).orElseThrow().pausedAt(clock.instant())).isFalse();
        failOnce(enrolled, phone);
        Instant tenth = clock.instant();

        PushHold hold = softTokens.pushHold(accountId).orElseThrow();
        assertThat(hold.consecutiveFailures()).isEqualTo(10);
        assertThat(hold.locked()).isFalse();
        assertThat(hold.pausedUntil()).isBetween(tenth.plus(Duration.ofMinutes(15)).minusSeconds(1),
                tenth.plus(Duration.ofMinutes(15)).plusSeconds(1));
        clock.advance(BETWEEN_LOGINS);
        assertThat(softTokens.startLogin(holder(enrolled), BROWSER))
                .isEqualTo(new LoginStart.Paused(hold.pausedUntil()));
        assertThat(actionsFor(accountId)).contains("softtoken.push.paused", "softtoken.login.pushHeld");
        assertThat(notices.unread(accountId)).extracting(Notice::kind).contains("PUSH_PAUSED");
        assertThat(notices.unread(helpdesk.accountId())).anySatisfy(notice -> {
            assertThat(notice.kind()).isEqualTo("PUSH_PAUSED");
            assertThat(notice.messageTh()).contains(enrolled.person().username()).contains("10 ครั้ง");
        });
        // The password still works; the browser is told why the phone is not asked, and until when.
        WebSession browser = new WebSession(mvc);
        browser.perform(post("/login").with(csrf()).param("username", enrolled.person().username())
                        .param("password", Fixtures.GOOD_PASSWORD))
                .andExpect(result -> assertThat(result.getResponse().getRedirectedUrl())
                        .startsWith("/login?error=pushPaused&until="));

        // After the pause pushes go out again, and the count goes on from 10.
        clock.set(hold.pausedUntil().plusSeconds(1));
        failOnce(enrolled, phone);
        assertThat(softTokens.pushHold(accountId).orElseThrow().consecutiveFailures()).isEqualTo(11);
    }

    @Test
    void theHundredthWrongSecretLocksPushesUntilTheContactCenterUnlocksThem() throws Exception {
        KhlangUser helpdesk = fixtures.helpdesk();
        SoftTokenFixtures.Enrolled enrolled = tokens.enrolled("52", server());
        KhlangAuthenticator phone = enrolled.phone().withClock(clock);
        long accountId = enrolled.person().accountId();
        for (int i = 1; i <= 100; i++) {
            failOnce(enrolled, phone);
            if (i % 10 == 0 && i < 100) {
                assertThat(softTokens.pushHold(accountId).orElseThrow().pausedAt(clock.instant())).isTrue();
                clock.advance(Duration.ofMinutes(15).plusSeconds(1));
            }
        }
        PushHold locked = softTokens.pushHold(accountId).orElseThrow();
        assertThat(locked.consecutiveFailures()).isEqualTo(100);
        assertThat(locked.locked()).isTrue();
        // Locked is locked, hours later too.
        clock.advance(Duration.ofHours(6));
        assertThat(softTokens.startLogin(holder(enrolled), BROWSER)).isEqualTo(new LoginStart.Locked());
        assertThat(softTokens.heldPushes()).extracting(PushHold::accountId).contains(accountId);
        assertThat(notices.unread(accountId)).extracting(Notice::kind).contains("PUSH_LOCKED");
        WebSession browser = new WebSession(mvc);
        browser.perform(post("/login").with(csrf()).param("username", enrolled.person().username())
                .param("password", Fixtures.GOOD_PASSWORD)).andExpect(redirectedUrl("/login?error=pushLocked"));
        mvc.perform(get("/login").param("error", "pushLocked"))
                .andExpect(content().string(containsString("ล็อกการเข้าสู่ระบบด้วยโทรศัพท์")));

        // The Contact Center sees it, and must say how it checked the caller.
        mvc.perform(get("/helpdesk").with(SignedIn.as(helpdesk)).param("q", enrolled.person().username()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("id=\"held-pushes\"")))
                .andExpect(content().string(containsString("ระบบล็อกการเข้าสู่ระบบด้วยโทรศัพท์ตั้งแต่")));
        mvc.perform(post("/helpdesk/people/" + accountId + "/unlock-push").with(SignedIn.as(helpdesk)).with(csrf())
                        .param("reason", " "))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("problem",
                        containsString("โปรดระบุวิธีที่ตรวจสอบ")));
        assertThat(softTokens.pushHold(accountId).orElseThrow().locked()).isTrue();
        // Someone without the Contact Center's right cannot unlock.
        mvc.perform(post("/helpdesk/people/" + accountId + "/unlock-push").with(SignedIn.as(fixtures.admin()))
                .with(csrf()).param("reason", "trust me")).andExpect(status().isForbidden());
        assertThat(softTokens.pushHold(accountId).orElseThrow().locked()).isTrue();

        mvc.perform(post("/helpdesk/people/" + accountId + "/unlock-push").with(SignedIn.as(helpdesk)).with(csrf())
                        .param("reason", "โทรกลับเบอร์ที่ลงทะเบียน ยืนยันวันเกิดและเลขประจำตัวประชาชน"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("notice", containsString("ปลดล็อก")));

        PushHold unlocked = softTokens.pushHold(accountId).orElseThrow();
        assertThat(unlocked.locked()).isFalse();
        assertThat(unlocked.consecutiveFailures()).isZero();
        assertThat(audit.latest(50)).anySatisfy(event -> {
            assertThat(event.action()).isEqualTo("softtoken.push.unlocked");
            assertThat(event.target()).isEqualTo("account:" + accountId);
            assertThat(event.actorAccountId()).isEqualTo(helpdesk.accountId());
        });
        LoginStart.Started again = start(enrolled);
        assertThat(phone.approve(request(phone, again), again.number()).approved()).isTrue();
    }

    @Test
    void theServingRegistrarUnlocksToo() throws Exception {
        SoftTokenFixtures.Enrolled enrolled = tokens.enrolled("52", server());
        KhlangAuthenticator phone = enrolled.phone().withClock(clock);
        long accountId = enrolled.person().accountId();
        for (int i = 0; i < 10; i++) {
            failOnce(enrolled, phone);
        }
        KhlangUser registrar = enrolled.person().registrar();
        mvc.perform(get("/registrar/people/" + accountId).with(SignedIn.as(registrar))).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"push-unlock\"")));
        // A registrar of another office does not serve this person.
        KhlangUser stranger = fixtures.registrar(fixtures.office("10"));
        mvc.perform(post("/registrar/people/" + accountId + "/unlock-push").with(SignedIn.as(stranger)).with(csrf())
                .param("reason", "checked")).andExpect(status().is4xxClientError());
        assertThat(softTokens.pushHold(accountId).orElseThrow().pausedAt(clock.instant())).isTrue();

        mvc.perform(post("/registrar/people/" + accountId + "/unlock-push").with(SignedIn.as(registrar)).with(csrf())
                        .param("reason", "มาแสดงตนที่สำนักงานพร้อมบัตรประจำตัวประชาชน"))
                .andExpect(redirectedUrl("/registrar/people/" + accountId));
        assertThat(softTokens.pushHold(accountId).orElseThrow().pausedAt(clock.instant())).isFalse();
        clock.advance(BETWEEN_LOGINS);
        assertThat(softTokens.startLogin(holder(enrolled), BROWSER)).isInstanceOf(LoginStart.Started.class);
    }

    // ---------------------------------------------------------------- helpers

    private static final BrowserInfo BROWSER = new BrowserInfo("192.0.2.44", "test browser");

    private URI server() {
        return URI.create("http://localhost:" + port);
    }

    private static TokenHolder holder(SoftTokenFixtures.Enrolled enrolled) {
        return new TokenHolder(enrolled.person().accountId(), enrolled.person().username(), "ทดสอบ",
                enrolled.person().agency().id());
    }

    private LoginStart.Started start(SoftTokenFixtures.Enrolled enrolled) {
        LoginStart start = softTokens.startLogin(holder(enrolled), BROWSER);
        assertThat(start).isInstanceOf(LoginStart.Started.class);
        return (LoginStart.Started) start;
    }

    /** One sign-in attempt, two minutes after the last, whose phone sends a wrong secret. */
    private void failOnce(SoftTokenFixtures.Enrolled enrolled, KhlangAuthenticator phone) {
        clock.advance(BETWEEN_LOGINS);
        LoginStart.Started started = start(enrolled);
        assertThat(phone.approve(request(phone, started), other(started.number())).code())
                .isEqualTo("request.wrongNumber");
    }

    private static PendingRequest request(KhlangAuthenticator phone, LoginStart.Started started) {
        return phone.pending().stream().filter(request -> request.id().equals(started.requestId())).findFirst()
                .orElseThrow(() -> new AssertionError("the phone does not see request " + started.requestId()));
    }

    private static int other(int number) {
        return (number + 1) % LoginStart.Started.SECRETS;
    }

    private List<String> actionsFor(long accountId) {
        return audit.latest(60).stream().filter(event -> ("account:" + accountId).equals(event.target()))
                .map(AuditRecord::action).toList();
    }
}
