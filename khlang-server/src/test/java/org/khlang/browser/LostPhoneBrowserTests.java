package org.khlang.browser;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.authenticator.KhlangAuthenticator;
import org.khlang.identity.KhlangUser;
import org.khlang.proofing.internal.DevIdentityProvider;
import org.khlang.support.BrowserTest;
import org.khlang.support.Browsers;
import org.khlang.support.Fixtures;
import org.khlang.support.IntegrationTest;
import org.khlang.support.SoftTokenFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * R12 in real Chromium: a person signed in on a desktop reports the phone lost from another browser, and the desktop
 * session dies; the head files the letter; the registrar accepts it and approves a new phone; the person proves
 * identity again at the development provider and binds a new phone (the mobile web authenticator).
 */
@IntegrationTest
@Tag("R12")
class LostPhoneBrowserTests extends BrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    SoftTokenFixtures tokens;

    @Autowired
    Fixtures fixtures;

    @Autowired
    DevIdentityProvider provider;

    @Test
    void reportLoseTheSessionFileTheLetterAcceptApproveProveAgainAndBindANewPhone() throws Exception {
        String base = "http://localhost:" + port;
        URI server = URI.create(base);
        SoftTokenFixtures.Person person = tokens.person("62");
        KhlangAuthenticator oldPhone = tokens.bindPhone(person.accountId(), person.username(), server);
        KhlangUser head = fixtures.head(person.registrar(), person.agency());
        KhlangAuthenticator headPhone = tokens.bindPhone(head.accountId(), head.username(), server);
        KhlangAuthenticator registrarPhone = tokens.bindPhone(person.registrar().accountId(),
                person.registrar().username(), server);
        String identity = "lost." + person.accountId();
        provider.addIdentity(identity, person.issued().person().citizenId().value(), "2.3", "ผู้ทดสอบ");

        BrowserContext deskContext = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        Page desk = deskContext.newPage();
        signInWithPhone(desk, base, person.username(), oldPhone);

        // From another browser (a colleague's computer): the lost-phone page, without signing in.
        BrowserContext kiosk = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        Page report = kiosk.newPage();
        report.navigate(base + "/login");
        report.click("#lost-phone-link");
        report.fill("#username", person.username());
        report.fill("#password", Fixtures.GOOD_PASSWORD);
        Browsers.screenshot(report, "lost-phone-form");
        report.click("#lost-form button");
        assertThat(report.locator("#suspended")).isVisible();
        Browsers.screenshot(report, "lost-phone-suspended");
        kiosk.close();

        desk.navigate(base + "/");
        assertThat(desk).hasURL(java.util.regex.Pattern.compile(".*/login.*"));
        Browsers.screenshot(desk, "lost-phone-desktop-session-ended");

        // The head files the letter.
        BrowserContext headContext = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        Page headDesk = headContext.newPage();
        signInWithPhone(headDesk, base, head.username(), headPhone);
        assertThat(headDesk.locator("#notice-count")).isVisible();
        headDesk.navigate(base + "/agency/lost-phones");
        Path letter = Files.createTempFile("หนังสือแจ้ง", ".pdf");
        Files.write(letter, Fixtures.SAMPLE_PDF);
        headDesk.setInputFiles("#reports input[type=file]", letter);
        headDesk.click("#reports button.primary");
        assertThat(headDesk.locator("#notice")).isVisible();
        Browsers.screenshot(headDesk, "lost-phone-letter-filed");
        headContext.close();

        // The registrar accepts the letter and approves a new phone.
        BrowserContext registrarContext = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        Page registrarDesk = registrarContext.newPage();
        signInWithPhone(registrarDesk, base, person.registrar().username(), registrarPhone);
        registrarDesk.navigate(base + "/registrar/lost-phones");
        registrarDesk.click("#reports form[action$='/accept'] button");
        registrarDesk.click("#reports form[action$='/replacement'] button");
        assertThat(registrarDesk.locator("#notice")).isVisible();
        Browsers.screenshot(registrarDesk, "lost-phone-registrar");
        registrarContext.close();

        // The person proves identity again and binds a new phone.
        desk.fill("#username", person.username());
        desk.fill("#password", Fixtures.GOOD_PASSWORD);
        desk.click("button.primary");
        desk.waitForURL(base + "/");
        desk.click("#enrol-call a");
        desk.click("#start-proofing");
        desk.fill("#username", identity);
        desk.fill("#password", DevIdentityProvider.PASSWORD);
        desk.click("button[type=submit]");
        assertThat(desk.locator("#proofing-outcome")).containsText("ยืนยันตัวตนสำเร็จ");
        desk.click("#get-code");
        String code = desk.textContent("#activation-code").strip();

        BrowserContext phoneContext = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844)
                .setIsMobile(true).setHasTouch(true));
        Page phone = phoneContext.newPage();
        phone.navigate(base + "/authenticator/#code=" + code);
        phone.fill("#device-name", "โทรศัพท์เครื่องใหม่");
        phone.fill("#pin", "864200");
        phone.fill("#pin2", "864200");
        phone.click("#activate");
        assertThat(phone.locator("#who")).hasAttribute("data-state", "ACTIVE");
        Browsers.screenshot(phone, "lost-phone-new-phone-bound");
        phoneContext.close();
        deskContext.close();
    }
}
