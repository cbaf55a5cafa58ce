package org.khlang.browser;

import java.net.URI;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.authenticator.KhlangAuthenticator;
import org.khlang.authenticator.PendingRequest;
import org.khlang.authority.Right;
import org.khlang.identity.IssuedCredential;
import org.khlang.support.BrowserTest;
import org.khlang.support.Browsers;
import org.khlang.support.Fixtures;
import org.khlang.support.IntegrationTest;
import org.khlang.support.MoneyFixtures;
import org.khlang.support.SoftTokenFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole route with the keyboard alone (WCAG 2.1.1, 2.4.7, 2.4.11, 2.5.8): a recorder signs in and types the
 * six-digit secret into the web authenticator on a 360×640 phone, records a withdrawal; approver 1 and approver 2
 * sign in and approve; a person files a lost-phone report from the sign-in page. No click, no fill: only Tab, typing,
 * arrows, Space and Enter. At every stop the focused control shows a focus ring of at least 2 px, lies in the
 * viewport and is not covered by anything (2.4.11), and a button or field is at least 24×24 px (2.5.8). The phones of
 * the approvers are the reference authenticator (their phones are not what this test is about).
 */
@IntegrationTest
@Tag("WCAG22")
class KeyboardOnlyBrowserTests extends BrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    MoneyFixtures money;

    @Autowired
    SoftTokenFixtures tokens;

    @Test
    void theWholeRouteWorksWithTheKeyboardAlone() throws Exception {
        String base = "http://localhost:" + port;
        MoneyFixtures.Office office = money.office("77", URI.create(base), "300000.00");
        Fixtures fixtures = money.fixtures();
        IssuedCredential clerk = fixtures.issue(office.registrar(), office.agency());
        fixtures.activate(clerk);
        fixtures.grantMigrated(clerk.account().id(), Right.RECORDER, office.agency());
        String clerkName = clerk.account().username().value();

        // The clerk's phone: the web authenticator at 360 x 640, bound with the keyboard.
        BrowserContext phoneContext = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 640)
                .setIsMobile(true).setHasTouch(true));
        Page phone = phoneContext.newPage();
        phone.navigate(base + "/authenticator/#code=" + tokens.activationCode(clerk.account().id(), clerkName));
        Keys.to(phone, "#device-name").type("โทรศัพท์งานคลัง");
        Keys.to(phone, "#pin").type("246810");
        Keys.to(phone, "#pin2").type("246810");
        Keys.to(phone, "#activate").press("Enter");
        assertThat(phone.locator("#who")).hasAttribute("data-state", "ACTIVE");

        // Sign in on the office PC; the secret is typed into the phone.
        BrowserContext deskContext = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
        Page desk = deskContext.newPage();
        Keys keys = keyboardSignIn(desk, base, clerkName);
        String secret = desk.textContent("#number").replaceAll("\\D", "");
        assertThat(secret).hasSize(6);
        if (phone.locator("#unlock").isVisible()) {
            Keys.to(phone, "#unlock-pin").type("246810");
            Keys.to(phone, "#unlock").press("Enter");
        }
        phone.locator(".request").first().waitFor();
        // Where the sign-in comes from, in words (the browser's User-Agent stays in the title).
        assertThat(phone.locator(".request .where").first()).containsText("Chrome");
        assertThat(phone.locator(".request .where").first()).containsText("บน Linux");
        Keys.to(phone, ".request .number").type(secret);
        Browsers.screenshot(phone, "keyboard-phone-secret");
        Keys.to(phone, ".request .approve").press("Enter");
        desk.waitForURL(base + "/");

        // Record a withdrawal: to Money, then the form, all by Tab and typing.
        keys.follow("a[href='/money']", base + "/money");
        keys.follow("a[href='/money/withdrawals/new']", base + "/money/withdrawals/new");
        keys.choose("#payeeId", Long.toString(office.payee().id()));
        Keys.to(desk, "#description").type("ค่าวัสดุสำนักงาน (ทดสอบแป้นพิมพ์)");
        keys.choose("select[name=budgetLineId0]", Long.toString(office.budget().id()));
        Keys.to(desk, "input[name=lineDescription0]").type("หมึกพิมพ์ 4 ตลับ");
        Keys.to(desk, "input[name=invoiceRef0]").type("IV-KB-0001");
        Keys.to(desk, "input[name=amount0]").type("4,250.00");
        Keys.to(desk, "#withdrawal-form button.primary").press("Enter");
        assertThat(desk.locator("#notice")).containsText("บันทึกเอกสาร");
        String documentUrl = desk.url();
        Browsers.screenshot(desk, "keyboard-recorded");
        keys.signOut();

        // Approver 1: sign in, open the document, approve; the phone signs.
        Keys approver1 = keyboardSignIn(desk, base, office.approver1().actor().username());
        approveLogin(desk, office.approver1().phone());
        desk.waitForURL(base + "/");
        desk.navigate(documentUrl);
        Keys.to(desk, "#approve1").press("Enter");
        approveWaiting(office.approver1().phone());
        desk.waitForURL(documentUrl);
        assertThat(desk.locator("#withdrawal-state")).containsText("อนุมัติเบิกแล้ว");
        approver1.signOut();

        // Approver 2: sign in, the money page, approve the batch; the phone signs.
        Keys approver2 = keyboardSignIn(desk, base, office.approver2().actor().username());
        approveLogin(desk, office.approver2().phone());
        desk.waitForURL(base + "/");
        approver2.follow("a[href='/money']", base + "/money");
        Keys.to(desk, "#batch-form button.primary").press("Enter");
        approveWaiting(office.approver2().phone());
        desk.waitForURL(url -> url.contains("/money/batches/"));
        assertThat(desk.locator("#notice")).containsText("อนุมัติจ่าย 1 รายการ");
        Browsers.screenshot(desk, "keyboard-approved2");
        approver2.signOut();

        // A lost phone, reported from the sign-in page by its owner.
        desk.navigate(base + "/login");
        Keys reporter = new Keys(desk);
        reporter.follow("a[href='/lost-phone']", base + "/lost-phone");
        Keys.to(desk, "#username").type(clerkName);
        Keys.to(desk, "#password").type(Fixtures.GOOD_PASSWORD);
        Keys.to(desk, "#lossDate"); // today already, the day of the report
        Keys.to(desk, "#lost-form button").press("Enter");
        assertThat(desk.locator("h1")).containsText("ระงับ Soft Token แล้ว");
        Browsers.screenshot(desk, "keyboard-lost-phone");
        deskContext.close();
        phoneContext.close();
    }

    private static Keys keyboardSignIn(Page desk, String base, String username) {
        desk.navigate(base + "/login");
        Keys.to(desk, "#username").type(username);
        Keys.to(desk, "#password").type(Fixtures.GOOD_PASSWORD);
        desk.keyboard().press("Enter");
        desk.waitForSelector("#number");
        return new Keys(desk);
    }

    private static void approveLogin(Page desk, KhlangAuthenticator phone) {
        int number = Integer.parseInt(desk.textContent("#number").replaceAll("\\D", ""));
        PendingRequest login = phone.pending().stream().filter(request -> request.kind().equals("LOGIN"))
                .findFirst().orElseThrow();
        assertThat(phone.approve(login, number).approved()).isTrue();
    }

    /** The keyboard on one page: Tab to a control, checking its focus as WCAG 2.2 asks; typing; choosing. */
    static final class Keys {

        private static final int MAX_TABS = 120;
        private final Page page;

        Keys(Page page) {
            this.page = page;
        }

        /** Tabs until the control matching {@code selector} has the focus; the keyboard, for typing into it. */
        static com.microsoft.playwright.Keyboard to(Page page, String selector) {
            for (int i = 0; i < MAX_TABS; i++) {
                page.keyboard().press("Tab");
                if ((Boolean) page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)",
                        selector)) {
                    checkFocus(page, selector);
                    return page.keyboard();
                }
            }
            throw new AssertionError("Tab never reached " + selector + " on " + page.url());
        }

        /** Focus visible (2.4.7), not hidden (2.4.11), and a target of at least 24 x 24 px (2.5.8). */
        @SuppressWarnings("unchecked")
        static void checkFocus(Page page, String selector) {
            Map<String, Object> focus = (Map<String, Object>) page.evaluate("""
                    () => {
                      const e = document.activeElement;
                      const s = getComputedStyle(e);
                      const r = e.getBoundingClientRect();
                      const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
                      const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
                      const top = document.elementFromPoint(x, y);
                      return { ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)
                                     || s.boxShadow !== 'none',
                               inView: r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
                               uncovered: !!top && (top === e || e.contains(top) || top.contains(e)
                                          || (e.labels && Array.from(e.labels).includes(top))),
                               width: r.width, height: r.height, inline: e.tagName === 'A'
                                          && s.display === 'inline' };
                    }""");
            String where = selector + " on " + page.url();
            assertThat((Boolean) focus.get("ring")).as("a visible focus ring (2.4.7) on " + where).isTrue();
            assertThat((Boolean) focus.get("inView")).as("focus in view (2.4.11) on " + where).isTrue();
            assertThat((Boolean) focus.get("uncovered")).as("focus not covered (2.4.11) on " + where).isTrue();
            if (!(Boolean) focus.get("inline")) {
                assertThat(((Number) focus.get("width")).doubleValue()).as("target width (2.5.8) of " + where)
                        .isGreaterThanOrEqualTo(24);
                assertThat(((Number) focus.get("height")).doubleValue()).as("target height (2.5.8) of " + where)
                        .isGreaterThanOrEqualTo(24);
            }
        }

        /** Tabs to the link and follows it with Enter. */
        void follow(String selector, String expected) {
            to(page, selector).press("Enter");
            page.waitForURL(expected);
        }

        /** Chooses an option of a select with the arrow keys alone. */
        void choose(String selector, String value) {
            to(page, selector);
            for (int i = 0; i < 50; i++) {
                if (value.equals(page.evaluate("() => document.activeElement.value"))) {
                    return;
                }
                page.keyboard().press("ArrowDown");
            }
            throw new AssertionError("the arrow keys never chose " + value + " in " + selector);
        }

        /** Signs out by the header's button. */
        void signOut() {
            to(page, "form[action='/logout'] button").press("Enter");
            page.waitForURL(url -> url.contains("/login"));
        }
    }
}
