package org.khlang.browser;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.authenticator.Main;
import org.khlang.proofing.internal.DevIdentityProvider;
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
 * The Soft Token journey in real Chromium: a desktop proves identity at the development provider and shows an
 * activation code; a phone-sized window running /authenticator binds itself; then every login waits for the
 * phone, which approves with the number shown on the desktop. A second test approves with the command-line
 * authenticator instead.
 */
@IntegrationTest
@Tag("R5")
@Tag("R7")
@Tag("R16")
class SoftTokenBrowserTests extends BrowserTest {


    @LocalServerPort
    int port;

    @Autowired
    SoftTokenFixtures tokens;

    @Autowired
    DevIdentityProvider provider;

    @Test
    void aPersonProvesIdentityBindsTheWebAuthenticatorAndSignsInWithNumberMatching() {
        SoftTokenFixtures.Person person = tokens.person("64");
        String identity = "browser." + person.accountId();
        provider.addIdentity(identity, person.issued().person().citizenId().value(), "2.3", "ผู้ทดสอบ");
        String base = "http://localhost:" + port;

        BrowserContext desk = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        Page desktop = desk.newPage();
        signIn(desktop, base, person.username());
        assertThat(desktop.locator("#enrol-call")).isVisible();
        desktop.click("#enrol-call a");
        desktop.click("#start-proofing");
        // At the identity provider (the stand-in for เป๋าตัง): sign in as the test identity.
        desktop.fill("#username", identity);
        desktop.fill("#password", DevIdentityProvider.PASSWORD);
        desktop.click("button[type=submit]");
        assertThat(desktop.locator("#proofing-outcome")).containsText("ยืนยันตัวตนสำเร็จ");
        desktop.click("#get-code");
        String code = desktop.textContent("#activation-code").strip();
        Browsers.screenshot(desktop, "softtoken-desktop-activation-code");

        BrowserContext phoneContext = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844)
                .setIsMobile(true).setHasTouch(true));
        Page phone = phoneContext.newPage();
        phone.navigate(base + "/authenticator/#code=" + code);
        phone.fill("#device-name", "โทรศัพท์ทดสอบ");
        phone.fill("#pin", "246810");
        phone.fill("#pin2", "246810");
        phone.click("#activate");
        assertThat(phone.locator("#message")).containsText("ผูกโทรศัพท์เรียบร้อย");
        assertThat(phone.locator("#who")).containsText("ACTIVE");
        Browsers.screenshot(phone, "softtoken-phone-bound");
        Accessibility.check(phone, "authenticator-ready");

        desktop.navigate(base + "/softtoken");
        assertThat(desktop.locator("#device-active")).isVisible();
        desktop.click("form[action='/logout'] button");
        signIn(desktop, base, person.username());
        assertThat(desktop).hasURL(base + "/login/confirm");
        String number = desktop.textContent("#number").strip();
        Browsers.screenshot(desktop, "softtoken-desktop-number");
        // The number came in the answer to the password; reloading reads the page, it sends no password again.
        desktop.reload();
        assertThat(desktop).hasURL(base + "/login/confirm");
        assertThat(desktop.locator("#number")).hasText(number);

        phone.locator(".request").first().waitFor();
        phone.fill(".request .number", number);
        Browsers.screenshot(phone, "softtoken-phone-request");
        Accessibility.check(phone, "authenticator-request");
        phone.click(".request .approve");
        assertThat(phone.locator("#message")).containsText("อนุมัติแล้ว");

        try {
            desktop.waitForURL(base + "/");
        } catch (com.microsoft.playwright.PlaywrightException stuck) {
            Browsers.screenshot(desktop, "softtoken-desktop-stuck");
            throw new AssertionError("the desktop did not continue: at " + desktop.url() + " showing "
                    + desktop.textContent("main").strip(), stuck);
        }
        assertThat(desktop.locator("h1")).containsText("สวัสดี");
        assertThat(desktop.locator("#enrol-call")).hasCount(0);
        Browsers.screenshot(desktop, "softtoken-desktop-signed-in");
        desk.close();
        phoneContext.close();
    }

    @Test
    void theCommandLineAuthenticatorApprovesALogin() throws Exception {
        SoftTokenFixtures.Person person = tokens.person("65");
        tokens.proven(person);
        String base = "http://localhost:" + port;
        Path home = Files.createTempDirectory("khlang-authenticator");
        String code = tokens.code(person).code();

        Cli cli = new Cli(home);
        assertThat(cli.run("activate", "--server", base, "--code", code, "--name", "CLI")).contains("active");

        BrowserContext desk = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        Page desktop = desk.newPage();
        signIn(desktop, base, person.username());
        String number = desktop.textContent("#number").strip();
        String listing = cli.run("requests");
        String requestId = listing.strip().split("\\s+")[0];
        assertThat(listing).contains("LOGIN").contains("เข้าสู่ระบบคลัง");

        assertThat(cli.run("approve", requestId, "--number", number)).contains("APPROVED");

        desktop.waitForURL(base + "/");
        assertThat(desktop.locator("h1")).containsText("สวัสดี");
        Browsers.screenshot(desktop, "softtoken-cli-signed-in");
        assertThat(cli.run("code").strip()).matches("[0-9]{6}");
        desk.close();
    }

    private static void signIn(Page page, String base, String username) {
        page.navigate(base + "/login");
        page.fill("#username", username);
        page.fill("#password", Fixtures.GOOD_PASSWORD);
        page.click("button.primary");
    }

    /** The command-line authenticator, run in-process with a fixed PIN. */
    private record Cli(Path home) {
        String run(String... arguments) {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            String[] all = new String[arguments.length + 2];
            all[0] = "--home";
            all[1] = home.toString();
            System.arraycopy(arguments, 0, all, 2, arguments.length);
            new Main(new PrintStream(printed, true, StandardCharsets.UTF_8), "135790"::toCharArray).run(all);
            return printed.toString(StandardCharsets.UTF_8);
        }
    }
}
