package org.khlang.browser;

import java.net.URI;
import java.util.List;

import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.audit.AuditLog;
import org.khlang.authenticator.KhlangAuthenticator;
import org.khlang.authenticator.PendingRequest;
import org.khlang.support.Accessibility;
import org.khlang.support.BrowserTest;
import org.khlang.support.Browsers;
import org.khlang.support.Fixtures;
import org.khlang.support.IntegrationTest;
import org.khlang.support.SoftTokenFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passkeys end to end in real Chromium with its virtual authenticator (CDP: WebAuthn.enable,
 * WebAuthn.addVirtualAuthenticator, user verification on): registration on /account confirmed on the phone, then
 * sign-in with password, passkey and phone; a passkey of another person is refused, and so is the passkey from
 * another origin (phishing resistance: the browser will not use it there).
 */
@IntegrationTest
@Tag("R7")
@Tag("AAL2")
class PasskeyBrowserTests extends BrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    SoftTokenFixtures tokens;

    @Autowired
    AuditLog audit;

    @Autowired
    org.khlang.identity.PersonPasskeys passkeys;

    @Autowired
    Fixtures fixtures;

    @Autowired
    org.springframework.test.web.servlet.MockMvc mvc;

    @Test
    void aPersonRegistersAPasskeyConfirmedOnThePhoneAndThenSignsInWithPasswordPasskeyAndPhone() throws Exception {
        String base = "http://localhost:" + port;
        SoftTokenFixtures.Enrolled somsri = tokens.enrolled("52", URI.create(base));
        BrowserContext desk = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        Page page = desk.newPage();
        String authenticator = virtualAuthenticator(desk, page);

        signInWithPhone(page, base, somsri);
        page.navigate(base + "/account");
        assertThat(page.locator("#passkeys-none")).isVisible();
        page.fill("#passkey-label", "คอมพิวเตอร์ที่ทำงาน");
        page.click("#add-passkey");
        page.waitForURL(base + "/account/passkeys/confirm");
        Browsers.screenshot(page, "passkey-confirm-on-phone");
        PendingRequest approval = waitFor(somsri.phone(), "APPROVAL");
        assertThat(approval.text("th")).contains("ลงทะเบียน passkey").contains("คอมพิวเตอร์ที่ทำงาน");
        assertThat(somsri.phone().approve(approval, null).approved()).isTrue();
        page.waitForURL(base + "/account");
        assertThat(page.locator("#notice")).containsText("ลงทะเบียน passkey \"คอมพิวเตอร์ที่ทำงาน\" แล้ว");
        assertThat(page.locator("#passkeys")).containsText("ใช้งานได้");
        Browsers.screenshot(page, "passkey-registered");
        Accessibility.check(page, "account-passkeys");
        assertThat(credentials(desk, page, authenticator)).isEqualTo(1);

        // The next sign-in: the password leads to the passkey, the passkey to the phone.
        page.click("form[action='/logout'] button");
        page.navigate(base + "/login");
        page.fill("#username", somsri.person().username());
        page.fill("#password", Fixtures.GOOD_PASSWORD);
        page.click("button.primary");
        page.waitForURL(base + "/login/passkey");
        Browsers.screenshot(page, "passkey-sign-in");
        Accessibility.check(page, "login-passkey");
        // The phone is not asked before the passkey.
        assertThat(somsri.phone().pending()).noneMatch(request -> request.kind().equals("LOGIN"));
        page.click("#use-passkey");
        page.waitForURL(base + "/login/confirm");
        approveLogin(page, somsri.phone());
        page.waitForURL(base + "/");
        assertThat(audit.latest(20)).anySatisfy(event -> {
            assertThat(event.action()).isEqualTo("identity.login.succeeded");
            assertThat(event.actorAccountId()).isEqualTo(somsri.person().accountId());
            assertThat(event.details()).contains("PASSWORD+PASSKEY+SOFT_TOKEN");
        });

        // A lost computer: she suspends the passkey herself; the next sign-in is the password and the phone.
        page.navigate(base + "/account");
        page.fill(".passkey-suspend input[name=reason]", "คอมพิวเตอร์หาย");
        page.click(".passkey-suspend button");
        assertThat(page.locator("#notice")).containsText("ระงับ passkey แล้ว");
        assertThat(page.locator("#passkeys")).containsText("ถูกระงับ");
        page.click("form[action='/logout'] button");
        passwordOnly(page, base, somsri);
        page.waitForURL(base + "/login/confirm");
        // The passkey step is gone: it sends straight on to the phone.
        page.navigate(base + "/login/passkey");
        assertThat(page).hasURL(base + "/login/confirm");
        desk.close();
    }

    @Test
    void aPasskeyOfAnotherPersonOrFromAnotherOriginIsRefused() throws Exception {
        String base = "http://localhost:" + port;
        SoftTokenFixtures.Enrolled somchai = tokens.enrolled("52", URI.create(base));
        SoftTokenFixtures.Enrolled malee = tokens.enrolled("52", URI.create(base));
        // Each registers a passkey in a browser of their own (each with its own authenticator).
        BrowserContext desk = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        Page page = desk.newPage();
        virtualAuthenticator(desk, page);
        register(page, base, somchai, "ของสมชาย");
        page.click("form[action='/logout'] button");
        BrowserContext maleeDesk = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        Page maleePage = maleeDesk.newPage();
        virtualAuthenticator(maleeDesk, maleePage);
        register(maleePage, base, malee, "ของมาลี");
        maleeDesk.close();

        // Malee's password in Somchai's browser: her passkey is not there, so the browser finds none to use...
        passwordOnly(page, base, malee);
        page.waitForURL(base + "/login/passkey");
        page.click("#use-passkey");
        assertThat(page.locator(".passkey-problem")).containsText("passkey นี้ใช้ไม่ได้");
        // ...and Somchai's passkey, forced on her challenge, is refused by the server: it is not hers.
        Object answer = page.evaluate("""
                async () => {
                  const form = document.getElementById('passkey-form');
                  const options = await (await fetch(form.dataset.options, { method: 'POST', body: new FormData(form),
                    headers: { Accept: 'application/json' } })).json();
                  options.challenge = passkeyBytes.decode(options.challenge);
                  options.allowCredentials = []; // whatever passkey this browser holds for the site: Somchai's
                  const credential = await navigator.credentials.get({ publicKey: options });
                  form.elements.credential.value = passkeyCredentialJson(credential);
                  const response = await fetch(form.action, { method: 'POST', body: new FormData(form),
                    headers: { Accept: 'application/json' } });
                  return response.status + ' ' + (await response.text());
                }""");
        assertThat(answer.toString()).startsWith("422").contains("passkey.refused");
        assertThat(audit.latest(20)).anySatisfy(event -> {
            assertThat(event.action()).isEqualTo("identity.passkey.refused");
            assertThat(event.actorAccountId()).isEqualTo(malee.person().accountId());
            // webauthn4j refuses it first (a credential the challenge did not offer); Khlang's own owner check stands
            // behind that.
            assertThat(event.details()).contains("\"step\":\"signIn\"").containsAnyOf("NotAllowedCredentialId",
                    "anotherPerson");
        });
        assertThat(malee.phone().pending()).noneMatch(request -> request.kind().equals("LOGIN"));
        page.click("form[action='/logout'] button");

        // The Contact Center suspends Somchai's passkey while he is on the phone to them; it is audited.
        org.khlang.identity.KhlangUser helpdesk = fixtures.helpdesk();
        String credentialId = passkeys.of(somchai.person().accountId()).getFirst().credentialId();
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .post("/helpdesk/people/" + somchai.person().accountId() + "/passkeys/suspend")
                        .with(org.khlang.support.SignedIn.as(helpdesk))
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                                .csrf())
                        .param("credentialId", credentialId).param("reason", "แจ้งทางโทรศัพท์ว่ากุญแจหาย"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                        .attribute("notice", org.hamcrest.Matchers.containsString("ระงับ passkey แล้ว")));
        assertThat(passkeys.of(somchai.person().accountId()).getFirst().state()).isEqualTo("SUSPENDED");
        assertThat(audit.latest(10)).anySatisfy(event -> {
            assertThat(event.action()).isEqualTo("identity.passkey.suspended");
            assertThat(event.actorAccountId()).isEqualTo(helpdesk.accountId());
        });

        // From another origin (127.0.0.1 instead of localhost) the browser does not use the site's passkey at all.
        BrowserContext other = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        Page phishing = other.newPage();
        virtualAuthenticator(other, phishing);
        String otherBase = "http://127.0.0.1:" + port;
        passwordOnly(phishing, otherBase, malee);
        phishing.waitForURL(otherBase + "/login/passkey");
        phishing.click("#use-passkey");
        assertThat(phishing.locator(".passkey-problem")).containsText("passkey นี้ใช้ไม่ได้");
        assertThat(phishing).hasURL(otherBase + "/login/passkey");
        assertThat(malee.phone().pending()).noneMatch(request -> request.kind().equals("LOGIN"));
        other.close();
        desk.close();
    }

    // ---------------------------------------------------------------- helpers

    /** Chromium's virtual authenticator: a platform authenticator with user verification, always verified. */
    static String virtualAuthenticator(BrowserContext context, Page page) {
        CDPSession cdp = context.newCDPSession(page);
        cdp.send("WebAuthn.enable");
        JsonObject options = new JsonObject();
        options.addProperty("protocol", "ctap2");
        options.addProperty("transport", "internal");
        options.addProperty("hasResidentKey", true);
        options.addProperty("hasUserVerification", true);
        options.addProperty("isUserVerified", true);
        options.addProperty("automaticPresenceSimulation", true);
        JsonObject arguments = new JsonObject();
        arguments.add("options", options);
        return cdp.send("WebAuthn.addVirtualAuthenticator", arguments).get("authenticatorId").getAsString();
    }

    private static int credentials(BrowserContext context, Page page, String authenticatorId) {
        CDPSession cdp = context.newCDPSession(page);
        JsonObject arguments = new JsonObject();
        arguments.addProperty("authenticatorId", authenticatorId);
        return cdp.send("WebAuthn.getCredentials", arguments).getAsJsonArray("credentials").size();
    }

    private void register(Page page, String base, SoftTokenFixtures.Enrolled person, String label) throws Exception {
        if (page.url().startsWith(base) && !page.url().contains("/login")) {
            page.click("form[action='/logout'] button");
        }
        signInWithPhone(page, base, person);
        page.navigate(base + "/account");
        page.fill("#passkey-label", label);
        page.click("#add-passkey");
        page.waitForURL(base + "/account/passkeys/confirm");
        assertThat(person.phone().approve(waitFor(person.phone(), "APPROVAL"), null).approved()).isTrue();
        page.waitForURL(base + "/account");
        assertThat(page.locator("#passkeys")).containsText(label);
    }

    private static void passwordOnly(Page page, String base, SoftTokenFixtures.Enrolled person) {
        page.navigate(base + "/login");
        page.fill("#username", person.person().username());
        page.fill("#password", Fixtures.GOOD_PASSWORD);
        page.click("button.primary");
    }

    private static void signInWithPhone(Page page, String base, SoftTokenFixtures.Enrolled person) {
        passwordOnly(page, base, person);
        page.waitForURL(base + "/login/confirm");
        approveLogin(page, person.phone());
        page.waitForURL(base + "/");
    }

    static void approveLogin(Page page, KhlangAuthenticator phone) {
        int number = Integer.parseInt(page.textContent("#number").strip());
        PendingRequest login = phone.pending().stream().filter(request -> request.kind().equals("LOGIN"))
                .findFirst().orElseThrow();
        assertThat(phone.approve(login, number).approved()).isTrue();
    }

    static PendingRequest waitFor(KhlangAuthenticator phone, String kind) throws InterruptedException {
        for (int attempt = 0; attempt < 50; attempt++) {
            List<PendingRequest> waiting = phone.pending().stream().filter(r -> r.kind().equals(kind)).toList();
            if (!waiting.isEmpty()) {
                return waiting.getFirst();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + kind + " request reached the phone");
    }
}
