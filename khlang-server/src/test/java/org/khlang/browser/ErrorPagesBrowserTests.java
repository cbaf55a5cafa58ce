package org.khlang.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.khlang.identity.KhlangUser;
import org.khlang.support.Accessibility;
import org.khlang.support.BrowserTest;
import org.khlang.support.Browsers;
import org.khlang.support.Fixtures;
import org.khlang.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * A person's browser that is refused a page sees Khlang's own Thai page in the normal layout, with its language and
 * a title, what happened, what to do next and the help channels, never the API's JSON: a page the person's rights do
 * not cover, an address that does not exist, a page after the session ended, and a form posted with a stale CSRF
 * token. axe-core finds no serious or critical violation on any of them.
 */
@IntegrationTest
class ErrorPagesBrowserTests extends BrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcTemplate jdbc;

    String base;
    KhlangUser registrar;
    BrowserContext desk;
    Page page;

    @BeforeEach
    void signIn() {
        base = "http://localhost:" + port;
        registrar = fixtures.registrar(fixtures.office("49"));
        desk = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        page = desk.newPage();
        signIn(page);
    }

    @AfterEach
    void close() {
        desk.close();
    }

    @Test
    void aPageTheRightsDoNotCoverShowsTheThaiForbiddenPage() {
        Response response = page.navigate(base + "/audit/compliance");
        org.assertj.core.api.Assertions.assertThat(response.status()).isEqualTo(403);
        org.assertj.core.api.Assertions.assertThat(response.headerValue("content-type")).startsWith("text/html");
        assertThaiPage("ท่านไม่มีสิทธิ์เปิดหน้านี้", "error-403");
        assertThat(page.locator("#error-advice")).containsText("หัวหน้าหน่วยงาน");
        assertThat(page.locator("#error-home")).isVisible();
        assertThat(page.locator("main")).not().containsText("{\"type\"");

        page.navigate(base + "/audit/compliance?lang=en");
        assertThat(page.locator("html")).hasAttribute("lang", "en");
        assertThat(page).hasTitle("You may not open this page · Khlang");
        page.navigate(base + "/?lang=th");
    }

    @Test
    void anAddressNoPageAnswersShowsTheThaiNotFoundPage() {
        Response response = page.navigate(base + "/registrar/no-such-page");
        org.assertj.core.api.Assertions.assertThat(response.status()).isEqualTo(404);
        assertThaiPage("ไม่พบหน้าที่ต้องการ", "error-404");
    }

    @Test
    void aPageAfterTheSessionEndedShowsTheSignInPageSayingSo() {
        jdbc.update("delete from spring_session where principal_name = ?", registrar.username());
        page.navigate(base + "/registrar/people");
        assertThat(page).hasURL(base + "/login?error=session");
        assertThat(page.locator("html")).hasAttribute("lang", "th");
        assertThat(page).hasTitle("เข้าสู่ระบบ · คลัง");
        assertThat(page.locator("#login-error")).containsText("เซสชันของท่านสิ้นสุดแล้ว");
        Browsers.screenshot(page, "error-session-ended");
        Accessibility.check(page, "error-session-ended");

        signIn(page);
        assertThat(page.locator("h1")).containsText("สวัสดี");
    }

    @Test
    void aFormPostedWithAStaleCsrfTokenShowsTheThaiExpiredFormPage() {
        String changedBefore = passwordChangedAt();
        page.navigate(base + "/account/password");
        String staleToken = page.inputValue("form[action='/account/password'] input[name='_csrf']");
        // Signing in again in another tab gives the browser a new CSRF token; the open form still has the old one.
        Page other = desk.newPage();
        other.navigate(base + "/");
        other.click("form[action='/logout'] button");
        signIn(other);
        other.close();
        org.assertj.core.api.Assertions.assertThat(staleToken).isNotBlank();

        page.fill("#current", Fixtures.GOOD_PASSWORD);
        page.fill("#proposed", "น้ำตก หมอก ภูเขา 2569");
        page.fill("#confirm", "น้ำตก หมอก ภูเขา 2569");
        Response response = page.waitForNavigation(() -> page.click("form[action='/account/password'] button"));
        org.assertj.core.api.Assertions.assertThat(response.status()).isEqualTo(403);
        assertThaiPage("แบบฟอร์มนี้หมดอายุแล้ว", "error-csrf");
        assertThat(page.locator("#error-advice")).containsText("ข้อมูลยังไม่ถูกบันทึก");
        org.assertj.core.api.Assertions.assertThat(passwordChangedAt()).isEqualTo(changedBefore);
    }

    @Test
    void aFileOverTheLimitShowsTheThaiTooLargePage() throws Exception {
        java.nio.file.Path scan = java.nio.file.Files.createTempFile("scan", ".csv");
        java.nio.file.Files.write(scan, new byte[12 * 1024 * 1024]);
        page.navigate(base + "/registrar/legacy-import");
        page.setInputFiles("#file", scan);
        Response response = page.waitForNavigation(() -> page.click("form[action='/registrar/legacy-import'] button"));
        org.assertj.core.api.Assertions.assertThat(response.status()).isEqualTo(413);
        assertThaiPage("แฟ้มมีขนาดใหญ่เกินไป", "error-413");
        assertThat(page.locator("#error-advice")).containsText("10 เมกะไบต์");
        java.nio.file.Files.delete(scan);
    }

    /** The error page in Thai with its help channels, photographed and checked by axe-core. */
    private void assertThaiPage(String heading, String screen) {
        assertThat(page.locator("html")).hasAttribute("lang", "th");
        assertThat(page).hasTitle(heading + " · คลัง");
        assertThat(page.locator("#error-heading")).hasText(heading);
        assertThat(page.locator("#help-link")).isVisible();
        assertThat(page.locator("footer")).containsText("0 2032 2636");
        Browsers.screenshot(page, screen);
        Accessibility.check(page, screen);
    }

    private String passwordChangedAt() {
        return jdbc.queryForObject("select cast(password_changed_at as varchar) from user_account where id = ?",
                String.class, registrar.accountId());
    }

    private void signIn(Page tab) {
        tab.navigate(base + "/login");
        tab.fill("#username", registrar.username());
        tab.fill("#password", Fixtures.GOOD_PASSWORD);
        tab.click("button.primary");
        assertThat(tab.locator("h1")).containsText("สวัสดี");
    }
}
