package org.khlang.browser;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.khlang.authority.Right;
import org.khlang.disbursement.DocumentType;
import org.khlang.disbursement.NewWithdrawal;
import org.khlang.disbursement.Withdrawal;
import org.khlang.disbursement.Withdrawals;
import org.khlang.identity.IssuedCredential;
import org.khlang.support.BrowserTest;
import org.khlang.support.Browsers;
import org.khlang.support.Fixtures;
import org.khlang.support.IntegrationTest;
import org.khlang.support.MoneyFixtures;
import org.khlang.support.MoneyFixtures.Office;
import org.khlang.support.SoftTokenFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Issue 20 in real Chromium: approval 2 of a document whose invoice was already billed is held; the agency head finds
 * the holds in the risk inbox, writes what they checked and confirms on their own phone; approval 2 then goes ahead.
 * And "นี่ไม่ใช่ฉัน / This wasn't me" on the web authenticator, against someone signing in with the password.
 */
@IntegrationTest
class RiskBrowserTests extends BrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    SoftTokenFixtures tokens;

    @Autowired
    MoneyFixtures money;

    @Autowired
    Withdrawals withdrawals;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void approvalTwoIsHeldUntilTheHeadReleasesItOnTheirPhone() throws Exception {
        String base = "http://localhost:" + port;
        Office office = money.office("58", URI.create(base), "500000.00");
        MoneyFixtures.Person head = money.person(office.registrar(), office.agency(), Right.AGENCY_HEAD,
                URI.create(base));
        Withdrawal first = money.approved1(office, record(office, "4280.00"));
        Withdrawal second = money.approved1(office, record(office, "3960.00"));

        BrowserContext payerContext = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 1000));
        Page payer = payerContext.newPage();
        signInWithPhone(payer, base, office.approver2().actor().username(), office.approver2().phone());
        payer.navigate(base + "/money");
        assertThat(payer.locator("#held-" + second.id())).isVisible();
        payer.click("#batch-form button.primary");
        payer.waitForURL(base + "/money");
        assertThat(payer.locator("#problem")).containsText("อนุมัติ ๒ ถูกระงับ");
        assertThat(payer.locator("#problem")).containsText("ใบแจ้งหนี้เลขที่ IV-2570/0099");
        assertThat(payer.locator("#held-" + first.id())).isVisible();
        Browsers.screenshot(payer, "risk-approval2-held");
        org.assertj.core.api.Assertions.assertThat(office.approver2().phone().pending()).isEmpty();

        BrowserContext headContext = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 1000));
        Page desk = headContext.newPage();
        signInWithPhone(desk, base, head.actor().username(), head.phone());
        desk.navigate(base + "/risk?open=true");
        assertThat(desk.locator("#risk-findings tbody tr")).hasCount(2);
        Browsers.screenshot(desk, "risk-inbox");
        for (int released = 0; released < 2; released++) {
            desk.navigate(base + "/risk?open=true");
            desk.click("#risk-findings tbody tr:first-child a");
            assertThat(desk.locator("#outcome")).containsText("ระงับ");
            if (released == 0) {
                Browsers.screenshot(desk, "risk-finding");
                // a note too short is refused on the page, nothing is sent to the phone
                desk.evaluate("document.getElementById('note').removeAttribute('minlength')");
                desk.fill("#note", "ตรวจแล้ว");
                desk.click("#release-form button.primary");
                assertThat(desk.locator("#problem")).containsText("10 ถึง 500 ตัวอักษร");
            }
            desk.fill("#note", "ตรวจใบแจ้งหนี้กับผู้รับเงินแล้ว เป็นงวดที่ 1 และงวดที่ 2 ของสัญญาเดียวกัน");
            desk.click("#release-form button.primary");
            desk.waitForURL(url -> url.endsWith("/confirm"));
            approveWaiting(head.phone());
            assertThat(desk.locator("#notice")).containsText("ปลดการระงับ");
            assertThat(desk.locator("#status")).containsText("ปลดแล้ว");
        }
        desk.navigate(base + "/risk?open=true");
        assertThat(desk.locator("#risk-empty")).isVisible();
        headContext.close();

        payer.navigate(base + "/money");
        payer.click("#batch-form button.primary");
        approveWaiting(office.approver2().phone());
        payer.waitForURL(url -> url.contains("/money/batches/"));
        assertThat(payer.locator("#notice")).containsText("อนุมัติจ่าย 2 รายการ");
        payerContext.close();
    }

    @Test
    void thisWasntMeOnTheWebAuthenticatorDeniesTheSignInAndTellsTheHead() {
        String base = "http://localhost:" + port;
        Office office = money.office("60", URI.create(base), "100000.00");
        IssuedCredential person = fixtures.issue(office.registrar(), office.agency());
        fixtures.activate(person);
        fixtures.grantMigrated(person.account().id(), Right.RECORDER, office.agency());
        String username = person.account().username().value();

        Page phone = boundWebAuthenticator(base, tokens.activationCode(person.account().id(), username), "โทรศัพท์ของฉัน");
        BrowserContext phoneContext = phone.context();

        BrowserContext thiefContext = browser.newContext();
        Page thief = thiefContext.newPage();
        thief.navigate(base + "/login");
        thief.fill("#username", username);
        thief.fill("#password", Fixtures.GOOD_PASSWORD);
        thief.click("button.primary");
        assertThat(thief.locator("#number")).isVisible();

        phone.locator(".request .not-me").click();
        assertThat(phone.locator(".request .not-me-confirm")).isVisible();
        Browsers.screenshot(phone, "authenticator-not-me");
        phone.locator(".request .not-me-yes").click();
        assertThat(phone.locator("#message")).containsText("แจ้งแล้วว่าไม่ใช่ท่าน");
        // the sessions of the account ended, the half-signed-in one of whoever had the password too
        thief.waitForURL(url -> url.contains("/login") && !url.contains("/login/confirm"));
        org.assertj.core.api.Assertions.assertThat(jdbc.queryForObject("select must_change_password from"
                + " user_account where id = ?", Boolean.class, person.account().id())).isTrue();
        org.assertj.core.api.Assertions.assertThat(jdbc.queryForObject("select count(*) from notice where"
                + " recipient_id = ? and kind = 'NOT_ME'", Integer.class, office.head().accountId())).isEqualTo(1);
        thiefContext.close();
        phoneContext.close();
    }

    private static NewWithdrawal document(Office office, String amount) {
        return new NewWithdrawal(DocumentType.KB02, office.payee().id(), null, "ค่าจ้างทำความสะอาด",
                List.of(new NewWithdrawal.Line(office.budget().id(), null, "งวดที่ 1", "IV-2570/0099",
                        new BigDecimal(amount))));
    }

    private Withdrawal record(Office office, String amount) {
        return withdrawals.record(office.agency().id(), document(office, amount), office.recorder().actor());
    }
}
