package org.khlang.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.khlang.authenticator.KhlangAuthenticator;
import org.khlang.authenticator.PendingRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** One Chromium per browser test class, the system's, started and closed around the class's tests. */
public abstract class BrowserTest {

    protected static Playwright playwright;
    protected static Browser browser;

    @BeforeAll
    static void launch() {
        playwright = Browsers.playwright();
        browser = Browsers.chromium(playwright);
    }

    @AfterAll
    static void close() {
        browser.close();
        playwright.close();
    }

    /** Password, then the number shown in the browser, approved on the phone; ends on the home page. */
    protected static void signInWithPhone(Page page, String base, String username, KhlangAuthenticator phone) {
        page.navigate(base + "/login");
        page.fill("#username", username);
        page.fill("#password", Fixtures.GOOD_PASSWORD);
        page.click("button.primary");
        int number = Integer.parseInt(page.textContent("#number").strip());
        PendingRequest login = phone.pending().stream().filter(request -> request.kind().equals("LOGIN")).findFirst()
                .orElseThrow();
        assertThat(phone.approve(login, number).approved()).isTrue();
        page.waitForURL(base + "/");
    }

    /** Approves the first approval request that reaches the phone within five seconds. */
    protected static void approveWaiting(KhlangAuthenticator phone) throws InterruptedException {
        for (int attempt = 0; attempt < 50; attempt++) {
            var waiting = phone.pending().stream().filter(request -> request.kind().equals("APPROVAL")).findFirst();
            if (waiting.isPresent()) {
                assertThat(phone.approve(waiting.get(), null).approved()).isTrue();
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no approval reached the phone");
    }

    /**
     * A phone-sized page of the web authenticator, bound with the activation code (PIN 135790) and ACTIVE. The
     * caller closes the page's context.
     */
    protected static Page boundWebAuthenticator(String base, String activationCode, String deviceName) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 640)
                .setIsMobile(true).setHasTouch(true));
        Page phone = context.newPage();
        phone.navigate(base + "/authenticator/#code=" + activationCode);
        phone.fill("#device-name", deviceName);
        phone.fill("#pin", "135790");
        phone.fill("#pin2", "135790");
        phone.click("#activate");
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(phone.locator("#who"))
                .hasAttribute("data-state", "ACTIVE");
        return phone;
    }
}
