package org.khlang.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.authority.Agency;
import org.khlang.identity.KhlangUser;
import org.khlang.support.BrowserTest;
import org.khlang.support.Browsers;
import org.khlang.support.Fixtures;
import org.khlang.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The foundation's whole journey in a real browser: a registrar issues a user (R4), the user signs in with the
 * initial password, is made to change it (R9), and lands on the Thai home page.
 */
@IntegrationTest
@Tag("R4")
class RegistrarIssuesUserBrowserTests extends BrowserTest {


    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Test
    void aRegistrarIssuesAUserWhoChangesTheInitialPasswordAndSeesTheThaiHomePage() {
        KhlangUser registrar = fixtures.registrar(fixtures.office("48"));
        Agency agency = fixtures.localAgency("48");
        String base = "http://localhost:" + port;

        BrowserContext desk = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        Page page = desk.newPage();
        signIn(page, base, registrar.username(), Fixtures.GOOD_PASSWORD);
        assertThat(page.locator("h1")).containsText("สวัสดี");
        page.navigate(base + "/registrar/people/new?agency=" + agency.code());
        page.fill("#citizenId", Fixtures.citizenId().formatted());
        page.fill("#titleTh", "นางสาว");
        page.fill("#firstNameTh", "ศิริพร");
        page.fill("#lastNameTh", "มั่นคง");
        page.fill("#email", "siriporn@example.go.th");
        page.fill("#mobile", "081-234-5678");
        page.click("button.primary");
        assertThat(page.locator("h1")).hasText("หนังสือแจ้งชื่อผู้ใช้และรหัสผ่านเริ่มต้น");
        Browsers.screenshot(page, "registrar-letter");
        String username = page.textContent("#issued-username").strip();
        String initialPassword = page.textContent("#issued-password").strip();
        org.assertj.core.api.Assertions.assertThat(username).isEqualTo(agency.code() + "-01");
        desk.close();

        BrowserContext phoneSized = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844));
        Page user = phoneSized.newPage();
        signIn(user, base, username, initialPassword);
        assertThat(user).hasURL(base + "/account/password");
        assertThat(user.locator("#forced")).isVisible();
        Browsers.screenshot(user, "user-forced-password-change");

        user.fill("#current", initialPassword);
        user.fill("#proposed", "Password2568!!");
        user.fill("#confirm", "Password2568!!");
        user.click("button.primary");
        assertThat(user.locator("#problem")).containsText("ใช้กันทั่วไป");
        Browsers.screenshot(user, "user-password-refused");

        String chosen = "น้ำตก หมอก ภูเขา 2568";
        user.fill("#current", initialPassword);
        user.fill("#proposed", chosen);
        user.fill("#confirm", chosen);
        user.click("button.primary");
        assertThat(user.locator("h1")).hasText("สวัสดี นางสาวศิริพร มั่นคง");
        assertThat(user.locator("main")).containsText("เปลี่ยนรหัสผ่านเรียบร้อยแล้ว");
        assertThat(user.locator("html")).hasAttribute("lang", "th");
        Browsers.screenshot(user, "user-thai-home");

        user.navigate(base + "/?lang=en");
        assertThat(user.locator("h1")).hasText("Welcome, นางสาวศิริพร มั่นคง");
        phoneSized.close();
    }

    private static void signIn(Page page, String base, String username, String password) {
        page.navigate(base + "/login");
        page.fill("#username", username);
        page.fill("#password", password);
        page.click("button.primary");
    }
}
