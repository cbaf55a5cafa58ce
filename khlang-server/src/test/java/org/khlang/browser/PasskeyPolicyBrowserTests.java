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
import org.khlang.identity.KhlangUser;
import org.khlang.identity.internal.Passkeys;
import org.khlang.shared.KhlangProblem;
import org.khlang.support.BrowserTest;
import org.khlang.support.Browsers;
import org.khlang.support.Fixtures;
import org.khlang.support.IntegrationTest;
import org.khlang.support.MutablePasskeyPolicy;
import org.khlang.support.SoftTokenFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Autowired
    Passkeys passkeys;

    @Autowired
    JdbcTemplate jdbc;

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
        Page page = newComputer();

        signIn(page, base, registrar.username(), phone);
        assertThat(page.locator("#passkey-call")).containsText("passkey");
        Browsers.screenshot(page, "passkey-policy-home");
        page.navigate(base + "/registrar/people");
        assertThat(page.locator("h1")).containsText("ไม่มีสิทธิ์"); // the Thai error page: 403
        addPasskey(page, base, phone, "เครื่องสำนักงานคลังจังหวัด");
        // Still this session's rights: the passkey counts from the next sign-in.
        page.navigate(base + "/registrar/people");
        assertThat(page.locator("h1")).containsText("ไม่มีสิทธิ์");

        signOut(page, base);
        signInWithPasskey(page, base, registrar.username(), phone);
        assertThat(page.locator("#passkey-call")).hasCount(0);
        page.navigate(base + "/registrar/people");
        assertThat(page).hasURL(base + "/registrar/people");
        assertThat(page.locator("h1")).not().containsText("ไม่มีสิทธิ์");
        Browsers.screenshot(page, "passkey-policy-registrar-pages");
        page.context().close();
    }

    /**
     * A lost passkey (issue 17): a registrar suspends their only passkey; they keep working with the password and
     * phone (the rights stay, the home page says why); their new passkey, confirmed on the phone, waits for another
     * registrar, never their own approval; once approved, every sign-in takes a passkey again.
     */
    @Test
    void aRegistrarWhoLostTheOnlyPasskeySignsInWithThePhoneUntilAnotherRegistrarApprovesTheNewOne() throws Exception {
        String base = "http://localhost:" + port;
        KhlangUser registrar = fixtures.registrar(fixtures.office("74"));
        KhlangAuthenticator phone = tokens.bindPhone(registrar.accountId(), registrar.username(), URI.create(base));
        Page page = newComputer();
        signIn(page, base, registrar.username(), phone);
        addPasskey(page, base, phone, "เครื่องเดิม");
        assertThat(page.locator("#notice")).containsText("ลงทะเบียน");
        signOut(page, base);
        signInWithPasskey(page, base, registrar.username(), phone);

        // The computer is lost: the owner suspends its passkey (here from the same computer, for brevity).
        page.navigate(base + "/account");
        page.fill(".passkey-suspend input[name=reason]", "คอมพิวเตอร์สูญหาย");
        page.click(".passkey-suspend button");
        assertThat(page.locator("#passkeys")).containsText("ถูกระงับ");
        assertThat(jdbc.queryForObject("select count(*) from passkey_loss where account_id = ?", Integer.class,
                registrar.accountId())).isEqualTo(1);
        signOut(page, base);
        page.context().close();

        // On a new computer (its own authenticator): password and phone alone, the registrar's pages still open.
        page = newComputer();
        signIn(page, base, registrar.username(), phone);
        assertThat(page.locator("#passkey-replacement")).containsText("นายทะเบียน");
        assertThat(page.locator("#passkey-call")).hasCount(0);
        Browsers.screenshot(page, "passkey-lost-home");
        page.navigate(base + "/registrar/people");
        assertThat(page.locator("h1")).not().containsText("ไม่มีสิทธิ์");

        // The new passkey, confirmed on the phone, waits for a registrar.
        addPasskey(page, base, phone, "เครื่องใหม่");
        assertThat(page.locator("#notice")).containsText("นายทะเบียน");
        assertThat(page.locator("#passkeys")).containsText("รอนายทะเบียนอนุมัติ");
        String credential = jdbc.queryForObject("select credential_id from passkey where account_id = ?"
                + " and confirmed_at is not null and state = 'PENDING'", String.class, registrar.accountId());
        page.navigate(base + "/registrar/passkeys");
        assertThat(page.locator("#awaiting")).containsText(registrar.username());
        assertThat(page.locator("#awaiting .passkey-approve")).hasCount(0); // not their own
        assertThatThrownBy(() -> passkeys.approve(registrar.accountId(), credential, "ตนเอง", registrar.actor()))
                .isInstanceOfSatisfying(KhlangProblem.class,
                        problem -> assertThat(problem.code()).isEqualTo("passkey.approveOwn"));
        signOut(page, base);
        signIn(page, base, registrar.username(), phone); // still the phone alone: the new passkey does not count yet
        signOut(page, base);

        // Another registrar (with their own passkey, by the same policy) checks the person and approves.
        KhlangUser other = fixtures.registrar(fixtures.office("10"));
        KhlangAuthenticator otherPhone = tokens.bindPhone(other.accountId(), other.username(), URI.create(base));
        Page otherPage = newComputer();
        signIn(otherPage, base, other.username(), otherPhone);
        addPasskey(otherPage, base, otherPhone, "เครื่องนายทะเบียน");
        signOut(otherPage, base);
        signInWithPasskey(otherPage, base, other.username(), otherPhone);
        otherPage.navigate(base + "/registrar/passkeys");
        assertThat(otherPage.locator("#awaiting")).containsText("เครื่องใหม่");
        Browsers.screenshot(otherPage, "passkey-awaiting-registrar");
        otherPage.fill("#awaiting tr:has-text('" + registrar.username() + "') input[name=reason]",
                "ตรวจบัตรประจำตัวประชาชนทางวิดีโอคอล");
        otherPage.click("#awaiting tr:has-text('" + registrar.username() + "') button");
        assertThat(otherPage.locator("#notice")).containsText("อนุมัติ");
        assertThat(jdbc.queryForObject("select count(*) from passkey_loss where account_id = ?", Integer.class,
                registrar.accountId())).isZero();
        assertThat(jdbc.queryForObject("select approved_by from passkey where credential_id = ?", Long.class,
                credential)).isEqualTo(other.accountId());
        assertThat(jdbc.queryForObject("select count(*) from audit_event where action = 'identity.passkey.approved'"
                + " and target = ?", Integer.class, "account:" + registrar.accountId())).isEqualTo(1);
        otherPage.context().close();

        // From now on the passkey is required again.
        signInWithPasskey(page, base, registrar.username(), phone);
        assertThat(page.locator("#passkey-replacement")).hasCount(0);
        page.context().close();
    }

    /** A computer of its own: a browser context with Chromium's virtual authenticator. */
    private Page newComputer() {
        BrowserContext desk = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        Page page = desk.newPage();
        PasskeyBrowserTests.virtualAuthenticator(desk, page);
        return page;
    }

    private static void addPasskey(Page page, String base, KhlangAuthenticator phone, String label) throws Exception {
        page.navigate(base + "/account");
        page.fill("#passkey-label", label);
        page.click("#add-passkey");
        page.waitForURL(base + "/account/passkeys/confirm");
        assertThat(phone.approve(PasskeyBrowserTests.waitFor(phone, "APPROVAL"), null).approved()).isTrue();
        page.waitForURL(base + "/account");
    }

    private static void signOut(Page page, String base) {
        page.navigate(base + "/");
        page.click("form[action='/logout'] button");
    }

    private static void signInWithPasskey(Page page, String base, String username, KhlangAuthenticator phone) {
        page.navigate(base + "/login");
        page.fill("#username", username);
        page.fill("#password", Fixtures.GOOD_PASSWORD);
        page.click("button.primary");
        page.waitForURL(base + "/login/passkey");
        page.click("#use-passkey");
        page.waitForURL(base + "/login/confirm");
        PasskeyBrowserTests.approveLogin(page, phone);
        page.waitForURL(base + "/");
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
