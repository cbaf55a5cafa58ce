package org.khlang.browser;

import java.net.URI;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.authenticator.KhlangAuthenticator;
import org.khlang.authenticator.PendingRequest;
import org.khlang.identity.KhlangUser;
import org.khlang.support.BrowserTest;
import org.khlang.support.Browsers;
import org.khlang.support.Fixtures;
import org.khlang.support.IntegrationTest;
import org.khlang.support.MutablePasskeyPolicy;
import org.khlang.support.SoftTokenFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production policy (NIST SP 800-63B-4: staff who manage other people's credentials SHALL use a
 * phishing-resistant authenticator): a registrar signed in with password and phone but no passkey gets none of the
 * registrar's pages, only the call to add a passkey; after adding one (confirmed on the phone) and signing in with
 * it, the pages open. Chromium's virtual authenticator plays the passkey.
 */
@IntegrationTest
@Tag("AAL2")
class PasskeyPolicyBrowserTests extends BrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    SoftTokenFixtures tokens;

    @Autowired
    MutablePasskeyPolicy policy;

    @BeforeEach
    void productionPolicy() {
        policy.production();
    }

    @AfterEach
    void noPolicy() {
        policy.reset();
    }

    @Test
    void aRegistrarWithoutAPasskeyReachesNoRegistrarPageUntilSigningInWithOne() throws Exception {
        String base = "http://localhost:" + port;
        KhlangUser registrar = fixtures.registrar(fixtures.office("73"));
        KhlangAuthenticator phone = tokens.bindPhone(registrar.accountId(), registrar.username(), URI.create(base));
        BrowserContext desk = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        Page page = desk.newPage();
        PasskeyBrowserTests.virtualAuthenticator(desk, page);

        signIn(page, base, registrar.username(), phone);
        assertThat(page.locator("#passkey-call")).containsText("passkey");
        Browsers.screenshot(page, "passkey-policy-home");
        page.navigate(base + "/registrar/people");
        assertThat(page.locator("h1")).containsText("ไม่มีสิทธิ์"); // the Thai error page: 403
        page.navigate(base + "/account");
        page.fill("#passkey-label", "เครื่องสำนักงานคลังจังหวัด");
        page.click("#add-passkey");
        page.waitForURL(base + "/account/passkeys/confirm");
        PendingRequest approval = PasskeyBrowserTests.waitFor(phone, "APPROVAL");
        assertThat(phone.approve(approval, null).approved()).isTrue();
        page.waitForURL(base + "/account");
        // Still this session's rights: the passkey counts from the next sign-in.
        page.navigate(base + "/registrar/people");
        assertThat(page.locator("h1")).containsText("ไม่มีสิทธิ์");

        page.navigate(base + "/");
        page.click("form[action='/logout'] button");
        page.navigate(base + "/login");
        page.fill("#username", registrar.username());
        page.fill("#password", Fixtures.GOOD_PASSWORD);
        page.click("button.primary");
        page.waitForURL(base + "/login/passkey");
        page.click("#use-passkey");
        page.waitForURL(base + "/login/confirm");
        PasskeyBrowserTests.approveLogin(page, phone);
        page.waitForURL(base + "/");
        assertThat(page.locator("#passkey-call")).hasCount(0);
        page.navigate(base + "/registrar/people");
        assertThat(page).hasURL(base + "/registrar/people");
        assertThat(page.locator("h1")).not().containsText("ไม่มีสิทธิ์");
        Browsers.screenshot(page, "passkey-policy-registrar-pages");
        desk.close();
    }

    private static void signIn(Page page, String base, String username, KhlangAuthenticator phone) {
        page.navigate(base + "/login");
        page.fill("#username", username);
        page.fill("#password", Fixtures.GOOD_PASSWORD);
        page.click("button.primary");
        page.waitForURL(base + "/login/confirm");
        PasskeyBrowserTests.approveLogin(page, phone);
        page.waitForURL(base + "/");
    }
}
