package org.khlang.softtoken;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.audit.AuditLog;
import org.khlang.audit.AuditRecord;
import org.khlang.authenticator.DeviceKey;
import org.khlang.authenticator.KhlangAuthenticator;
import org.khlang.authenticator.PendingRequest;
import org.khlang.authenticator.Protocol;
import org.khlang.shared.Actor;
import org.khlang.shared.KhlangProblem;
import org.khlang.support.Fixtures;
import org.khlang.support.IntegrationTest;
import org.khlang.support.MutableClock;
import org.khlang.support.SoftTokenFixtures;
import org.khlang.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The Soft Token protocol end to end: the reference authenticator against the running server, on PostgreSQL. */
@IntegrationTest
class SoftTokenIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    SoftTokenFixtures tokens;

    @Autowired
    SoftTokens softTokens;

    @Autowired
    MutableClock clock;

    @Autowired
    AuditLog audit;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    URI server() {
        return URI.create("http://localhost:" + port);
    }

    @Test
    @Tag("R7")
    void activationBindsTheKeyAndTheFirstSignedApprovalMakesTheDeviceActive() {
        SoftTokenFixtures.Person person = tokens.person("51");
        tokens.proven(person);
        KhlangAuthenticator.Activation activation = KhlangAuthenticator.activate(server(),
                tokens.code(person).code(), "โทรศัพท์ของสมศรี");

        assertThat(activation.authenticator().status()).containsEntry("state", "PENDING");
        assertThat(activation.firstRequest().kind()).isEqualTo("ACTIVATION");
        assertThat(softTokens.activeDevice(person.accountId())).isEmpty();

        assertThat(activation.authenticator().approve(activation.firstRequest(), null).approved()).isTrue();

        assertThat(activation.authenticator().status()).containsEntry("state", "ACTIVE")
                .containsEntry("account", person.username());
        assertThat(softTokens.activeDevice(person.accountId())).isPresent();
        assertThat(actions()).contains("softtoken.device.bound", "softtoken.device.activated");
    }

    @Test
    void anActivationCodeWorksOnceAndForTenMinutesOnly() {
        SoftTokenFixtures.Person person = tokens.person("51");
        tokens.proven(person);
        String code = tokens.code(person).code();
        KhlangAuthenticator.activate(server(), code, "first");

        assertThatThrownBy(() -> KhlangAuthenticator.activate(server(), code, "second"))
                .isInstanceOfSatisfying(KhlangAuthenticator.ServerRefusedException.class,
                        refused -> assertThat(refused.code()).isEqualTo("softtoken.activation.invalid"));

        SoftTokenFixtures.Person later = tokens.person("51");
        tokens.proven(later);
        String expiring = tokens.code(later).code();
        clock.set(Instant.now().plus(Duration.ofMinutes(11)));
        assertThatThrownBy(() -> KhlangAuthenticator.activate(server(), expiring, "late", clock))
                .isInstanceOfSatisfying(KhlangAuthenticator.ServerRefusedException.class,
                        refused -> assertThat(refused.code()).isEqualTo("softtoken.activation.invalid"));
    }

    @Test
    @Tag("R7")
    void noActivationCodeWithoutProvenIdentity() {
        SoftTokenFixtures.Person person = tokens.person("51");

        assertThatThrownBy(() -> tokens.code(person)).isInstanceOfSatisfying(KhlangProblem.class,
                problem -> assertThat(problem.code()).isEqualTo("softtoken.proofing.required"));
    }

    @Test
    @Tag("R16")
    void registrationIsRefusedOutsideTheWindowUntilTheRegistrarExtendsIt() {
        SoftTokenFixtures.Person person = tokens.person("51");
        tokens.proven(person);
        // A fresh agency: the letter's window (10 Feb - 11 Apr 2568) is over and nobody extended it.
        org.khlang.authority.Agency closed = tokens.fixtures().localAgency("51");
        org.khlang.identity.IssuedCredential late = tokens.fixtures().issue(person.registrar(), closed);
        tokens.fixtures().activate(late);
        Actor lateActor = new Actor(late.account().id(), late.account().username().value());

        assertThatThrownBy(() -> softTokens.issueActivationCode(late.account().id(), lateActor))
                .isInstanceOfSatisfying(KhlangProblem.class,
                        problem -> assertThat(problem.code()).isEqualTo("softtoken.window.closed"));

        tokens.openWindow(closed, person.registrar());
        tokens.proven(new SoftTokenFixtures.Person(late, person.registrar(), closed));
        assertThat(softTokens.issueActivationCode(late.account().id(), lateActor).code()).hasSize(19);
    }

    @Test
    @Tag("R5")
    @Tag("R16")
    void withASoftTokenThePasswordAloneNeverSignsInAndThePhoneMustMatchTheNumber() throws Exception {
        SoftTokenFixtures.Enrolled enrolled = tokens.enrolled("52", server());
        WebSession browser = new WebSession(mvc);

        browser.perform(post("/login").with(csrf()).param("username", enrolled.person().username())
                .param("password", Fixtures.GOOD_PASSWORD)).andExpect(forwardedUrl("/login/confirm"));
        browser.perform(get("/")).andExpect(status().isForbidden());
        browser.perform(get("/api/v1/me")).andExpect(status().isForbidden());
        String page = browser.perform(get("/login/confirm")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        int number = Integer.parseInt(page.replaceAll("(?s).*data-digits=\"(\\d{6})\".*", "$1"));

        PendingRequest request = enrolled.phone().pending().getFirst();
        assertThat(request.kind()).isEqualTo("LOGIN");
        assertThat(request.numberRequired()).isTrue();
        assertThat(request.text("account")).isEqualTo(enrolled.person().username());
        assertThat(enrolled.phone().approve(request, number).approved()).isTrue();

        browser.perform(get("/login/confirm/status")).andExpect(jsonPath("$.state").value("APPROVED"));
        browser.perform(post("/login/confirm/complete").with(csrf())).andExpect(redirectedUrl("/"));
        browser.perform(get("/")).andExpect(status().isOk());
        browser.perform(get("/api/v1/me")).andExpect(status().isOk());
        // The approval completed one browser session; it cannot complete another.
        WebSession thief = new WebSession(mvc);
        thief.perform(post("/login/confirm/complete").with(csrf())).andExpect(status().is3xxRedirection())
                .andExpect(result -> assertThat(result.getResponse().getRedirectedUrl()).endsWith("/login"));
    }

    /** The page's script: one call that answers the state while waiting and signs in once the phone approved. */
    @Test
    @Tag("R5")
    void thePagesScriptCompletesTheSignInWithTheCallThatFindsTheApproval() throws Exception {
        SoftTokenFixtures.Enrolled enrolled = tokens.enrolled("58", server());
        WebSession browser = signInWithPassword(enrolled);
        String waitingSession = browser.sessionId();
        browser.perform(post("/login/confirm/complete").with(csrf()).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("PENDING"))
                .andExpect(jsonPath("$.next").doesNotExist());
        browser.perform(get("/")).andExpect(status().isForbidden());

        assertThat(enrolled.phone().approve(enrolled.phone().pending().getFirst(), shownNumber(browser)).approved())
                .isTrue();
        browser.perform(post("/login/confirm/complete").with(csrf()).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("SIGNED_IN"))
                .andExpect(jsonPath("$.next").value("/"));
        assertThat(browser.sessionId()).isNotEqualTo(waitingSession);
        browser.perform(get("/api/v1/me")).andExpect(status().isOk());
        assertThat(actions()).contains("identity.login.succeeded");

        // A denial ends the wait with its state, and signs nobody in.
        SoftTokenFixtures.Enrolled denied = tokens.enrolled("63", server());
        WebSession other = signInWithPassword(denied);
        assertThat(denied.phone().deny(denied.phone().pending().getFirst()).state()).isEqualTo("DENIED");
        other.perform(post("/login/confirm/complete").with(csrf()).accept(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.state").value("DENIED"));
        other.perform(get("/api/v1/me")).andExpect(status().isForbidden());
        // Without the CSRF token the call is refused like any other POST.
        other.perform(post("/login/confirm/complete").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isForbidden());
    }

    @Test
    void aWrongNumberOrADenialEndsTheRequestAtOnceAndRaisesAnAlert() throws Exception {
        SoftTokenFixtures.Enrolled enrolled = tokens.enrolled("53", server());
        WebSession browser = signInWithPassword(enrolled);
        PendingRequest request = enrolled.phone().pending().getFirst();
        int shown = shownNumber(browser);

        KhlangAuthenticator.Outcome outcome = enrolled.phone().approve(request, (shown + 1) % 1_000_000);

        assertThat(outcome.state()).isEqualTo("DENIED");
        assertThat(outcome.code()).isEqualTo("request.wrongNumber");
        assertThat(enrolled.phone().approve(request, shown).httpStatus()).isEqualTo(409);
        browser.perform(post("/login/confirm/complete").with(csrf()))
                .andExpect(redirectedUrl("/login/confirm?state=DENIED"));
        assertThat(actions()).contains("softtoken.alert.wrongNumber");

        browser.perform(post("/login/confirm/again").with(csrf())).andExpect(redirectedUrl("/login/confirm"));
        PendingRequest second = enrolled.phone().pending().getFirst();
        assertThat(enrolled.phone().deny(second).state()).isEqualTo("DENIED");
        assertThat(actions()).contains("softtoken.alert.denied");
    }

    @Test
    void aRequestExpiresAfterTwoMinutes() throws Exception {
        SoftTokenFixtures.Enrolled enrolled = tokens.enrolled("54", server());
        WebSession browser = signInWithPassword(enrolled);
        PendingRequest request = enrolled.phone().pending().getFirst();
        int shown = shownNumber(browser);

        clock.set(Instant.now().plus(Duration.ofSeconds(121)));
        KhlangAuthenticator late = enrolled.phone().withClock(clock);

        KhlangAuthenticator.Outcome outcome = late.approve(request, shown);
        assertThat(outcome.httpStatus()).isEqualTo(409);
        assertThat(outcome.code()).isEqualTo("request.expired");
        browser.perform(get("/login/confirm/status")).andExpect(jsonPath("$.state").value("EXPIRED"));
    }

    @Test
    void aReplayedApprovalAndAReplayedProofAreRefused() throws Exception {
        SoftTokenFixtures.Enrolled enrolled = tokens.enrolled("55", server());
        WebSession browser = signInWithPassword(enrolled);
        PendingRequest request = enrolled.phone().pending().getFirst();
        String signature = enrolled.phone().key().sign(Protocol.DECISION_TYPE, enrolled.phone().deviceId(),
                Map.of("rid", request.id(), "nonce", request.nonce(), "decision", "APPROVE",
                        "number", shownNumber(browser), "iat", Instant.now().getEpochSecond()));
        String body = "{\"signature\":\"" + signature + "\"}";

        assertThat(send(enrolled.phone().signed("POST", Protocol.decision(request.id()), body)).statusCode())
                .isEqualTo(200);
        HttpResponse<String> replay = send(enrolled.phone().signed("POST", Protocol.decision(request.id()), body));
        assertThat(replay.statusCode()).isEqualTo(409);
        assertThat(replay.body()).contains("request.notPending");

        HttpRequest once = enrolled.phone().signed("GET", Protocol.REQUESTS, null);
        assertThat(send(once).statusCode()).isEqualTo(200);
        HttpResponse<String> again = send(once);
        assertThat(again.statusCode()).isEqualTo(401);
        assertThat(again.body()).contains("device.proof.replayed").contains("message_th");
    }

    @Test
    void proofsSignedByAnotherKeyStaleOrForAnotherUrlAreRefused() throws Exception {
        SoftTokenFixtures.Enrolled enrolled = tokens.enrolled("56", server());
        String url = server().resolve(Protocol.REQUESTS).toString();
        DeviceKey stranger = DeviceKey.generate();

        assertThat(proofCall(stranger.proof(enrolled.phone().deviceId(), "GET", url, Instant.now())))
                .contains("device.proof.signature");
        assertThat(proofCall(enrolled.phone().key().proof(enrolled.phone().deviceId(), "GET", url,
                Instant.now().minusSeconds(300)))).contains("device.proof.stale");
        assertThat(proofCall(enrolled.phone().key().proof(enrolled.phone().deviceId(), "GET",
                server().resolve(Protocol.STATUS).toString(), Instant.now()))).contains("device.proof.target");
        assertThat(proofCall(null)).contains("device.proof.missing");
        assertThat(proofCall("not.a.jws")).contains("device.proof.malformed");
    }

    @Test
    void aDeviceCannotDecideAnotherPersonsRequest() throws Exception {
        SoftTokenFixtures.Enrolled owner = tokens.enrolled("57", server());
        SoftTokenFixtures.Enrolled other = tokens.enrolled("57", server());
        signInWithPassword(owner);
        PendingRequest request = owner.phone().pending().getFirst();

        KhlangAuthenticator.Outcome outcome = other.phone().approve(request, 0);

        assertThat(outcome.httpStatus()).isEqualTo(404);
        assertThat(outcome.code()).isEqualTo("request.notFound");
        assertThat(other.phone().pending()).isEmpty();
    }

    @Test
    @Tag("R12")
    void suspensionEndsPendingRequestsSessionsAndTheDeviceAtOnce() throws Exception {
        SoftTokenFixtures.Enrolled enrolled = tokens.enrolled("58", server());
        WebSession signedIn = fullySignedIn(enrolled);
        signedIn.perform(get("/")).andExpect(status().isOk());
        WebSession waiting = signInWithPassword(enrolled);
        PendingRequest request = enrolled.phone().pending().getFirst();

        softTokens.suspend(enrolled.person().accountId(), "โทรศัพท์หาย", Actor.SYSTEM);

        signedIn.perform(get("/")).andExpect(status().is3xxRedirection());
        waiting.perform(get("/login/confirm/status")).andExpect(status().is3xxRedirection());
        assertThatThrownBy(() -> enrolled.phone().pending())
                .isInstanceOfSatisfying(KhlangAuthenticator.ServerRefusedException.class,
                        refused -> assertThat(refused.code()).isEqualTo("device.notActive"));
        // A proof refused because the device is suspended is spent all the same: sent again, it is a replay.
        HttpRequest refusedOnce = enrolled.phone().signed("GET", Protocol.REQUESTS, null);
        assertThat(send(refusedOnce).body()).contains("device.notActive");
        assertThat(send(refusedOnce).body()).contains("device.proof.replayed");
        assertThat(enrolled.phone().approve(request, 0).httpStatus()).isEqualTo(401);
        assertThat(softTokens.activeDevice(enrolled.person().accountId())).isEmpty();
        assertThat(actions()).contains("softtoken.device.suspended", "identity.sessions.ended");
    }

    @Test
    @Tag("R12")
    void aRegistrarSuspendsALostPhonesSoftTokenFromThePersonPage() throws Exception {
        SoftTokenFixtures.Enrolled enrolled = tokens.enrolled("66", server());
        WebSession registrar = new WebSession(mvc);
        registrar.perform(post("/login").with(csrf()).param("username", enrolled.person().registrar().username())
                .param("password", Fixtures.GOOD_PASSWORD)).andExpect(redirectedUrl("/"));
        String page = "/registrar/people/" + enrolled.person().accountId();
        registrar.perform(get(page)).andExpect(content().string(org.hamcrest.Matchers.containsString("person-device")));

        registrar.perform(post(page + "/suspend-token").with(csrf()).param("reason", "แจ้งทางโทรศัพท์ว่าโทรศัพท์หาย"))
                .andExpect(redirectedUrl(page));

        assertThat(softTokens.activeDevice(enrolled.person().accountId())).isEmpty();
        assertThatThrownBy(() -> enrolled.phone().pending()).isInstanceOf(KhlangAuthenticator.ServerRefusedException.class);
    }

    @Test
    void theOfflineCodeSignsInOnceAndOnlyOnce() throws Exception {
        SoftTokenFixtures.Enrolled enrolled = tokens.enrolled("60", server());
        String code = enrolled.phone().offlineCode();
        WebSession browser = signInWithPassword(enrolled);

        browser.perform(post("/login/confirm/code").with(csrf()).param("code", code)).andExpect(redirectedUrl("/"));
        browser.perform(get("/")).andExpect(status().isOk());

        WebSession again = signInWithPassword(enrolled);
        again.perform(post("/login/confirm/code").with(csrf()).param("code", code))
                .andExpect(redirectedUrl("/login/confirm?code=wrong"));
        again.perform(post("/login/confirm/code").with(csrf()).param("code", "12345x"))
                .andExpect(redirectedUrl("/login/confirm?code=wrong"));
    }

    @Test
    void tooManyPushesInTenMinutesAreRefused() throws Exception {
        SoftTokenFixtures.Enrolled enrolled = tokens.enrolled("61", server());
        for (int i = 0; i < 5; i++) {
            signInWithPassword(enrolled);
        }
        new WebSession(mvc).perform(post("/login").with(csrf()).param("username", enrolled.person().username())
                .param("password", Fixtures.GOOD_PASSWORD)).andExpect(redirectedUrl("/login?error=pushLimit"));
        assertThat(enrolled.phone().pending()).hasSize(1); // earlier requests were superseded
    }

    /**
     * Five login requests in ten minutes: the sixth is refused until the fifth newest leaves the window, whatever
     * lies further back (here a request from when the limit was higher), and requests of other kinds do not count.
     */
    @Test
    void thePushLimitFreesAPlaceWhenTheFifthNewestRequestLeavesTheWindow() {
        SoftTokenFixtures.Enrolled enrolled = tokens.enrolled("67", server()); // its activation request is not a login
        TokenHolder holder = new TokenHolder(enrolled.person().accountId(), enrolled.person().username(), "ทดสอบ",
                enrolled.person().agency().id());
        BrowserInfo browser = new BrowserInfo("192.0.2.7", "test browser");
        Instant first = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        clock.set(first);
        LoginStart.Started oldest = (LoginStart.Started) softTokens.startLogin(holder, browser);
        for (int i = 1; i < 5; i++) {
            clock.advance(Duration.ofMinutes(1));
            assertThat(softTokens.startLogin(holder, browser)).isInstanceOf(LoginStart.Started.class);
        }
        // One more, older, as if the limit had been higher then: the place still frees up with the fifth newest.
        jdbc.update("""
                insert into approval_request (id, account_id, device_id, kind, nonce, number_to_match, display, state,
                                              created_at, expires_at)
                select ?, account_id, device_id, kind, nonce, number_to_match, display, 'CANCELLED', ?, expires_at
                from approval_request where id = ?""", java.util.UUID.randomUUID().toString(),
                first.minusSeconds(30).atOffset(java.time.ZoneOffset.UTC), oldest.requestId());

        clock.advance(Duration.ofMinutes(1));
        assertThat(softTokens.startLogin(holder, browser))
                .isEqualTo(new LoginStart.TooManyRequests(first.plus(Duration.ofMinutes(10))));
        assertThat(audit.latest(5)).anySatisfy(event -> {
            assertThat(event.action()).isEqualTo("softtoken.login.pushLimited");
            assertThat(event.target()).isEqualTo("account:" + holder.accountId());
        });

        clock.set(first.plus(Duration.ofMinutes(10)).plusSeconds(1));
        assertThat(softTokens.startLogin(holder, browser)).isInstanceOf(LoginStart.Started.class);
        assertThat(softTokens.startLogin(holder, browser)).isInstanceOf(LoginStart.TooManyRequests.class);
    }

    @Test
    @Tag("R5")
    void withoutASoftTokenAgencyRightsAreWithheldAndTheHomePageAsksToRegister() throws Exception {
        SoftTokenFixtures.Person person = tokens.person("62");
        tokens.fixtures().grantMigrated(person.accountId(), org.khlang.authority.Right.RECORDER, person.agency());
        WebSession browser = new WebSession(mvc);
        browser.perform(post("/login").with(csrf()).param("username", person.username())
                .param("password", Fixtures.GOOD_PASSWORD)).andExpect(redirectedUrl("/"));

        browser.perform(get("/")).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"enrol-call\"")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("R5, R6")));
        browser.perform(get("/api/v1/me")).andExpect(jsonPath("$.rights[0]").value("RECORDER"))
                .andExpect(jsonPath("$.sessionRights").isEmpty())
                .andExpect(jsonPath("$.softTokenRequired").value(true))
                .andExpect(jsonPath("$.factors[0]").value("PASSWORD"));
    }

    private WebSession signInWithPassword(SoftTokenFixtures.Enrolled enrolled) throws Exception {
        WebSession browser = new WebSession(mvc);
        browser.perform(post("/login").with(csrf()).param("username", enrolled.person().username())
                .param("password", Fixtures.GOOD_PASSWORD)).andExpect(forwardedUrl("/login/confirm"));
        return browser;
    }

    private WebSession fullySignedIn(SoftTokenFixtures.Enrolled enrolled) throws Exception {
        WebSession browser = signInWithPassword(enrolled);
        PendingRequest request = enrolled.phone().pending().getFirst();
        assertThat(enrolled.phone().approve(request, shownNumber(browser)).approved()).isTrue();
        browser.perform(post("/login/confirm/complete").with(csrf())).andExpect(redirectedUrl("/"));
        return browser;
    }

    private static int shownNumber(WebSession browser) throws Exception {
        String page = browser.perform(get("/login/confirm")).andReturn().getResponse().getContentAsString();
        return Integer.parseInt(page.replaceAll("(?s).*data-digits=\"(\\d{6})\".*", "$1"));
    }

    private String proofCall(String proof) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server().resolve(Protocol.REQUESTS)).GET();
        if (proof != null) {
            request.header(Protocol.PROOF_HEADER, proof);
        }
        HttpResponse<String> response = send(request.build());
        assertThat(response.statusCode()).isEqualTo(401);
        return response.body();
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private List<String> actions() {
        return audit.latest(30).stream().map(AuditRecord::action).toList();
    }
}
