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
import org.khlang.authority.Agency;
import org.khlang.identity.IssuedCredential;
import org.khlang.identity.KhlangUser;
import org.khlang.support.BrowserTest;
import org.khlang.support.Browsers;
import org.khlang.support.Fixtures;
import org.khlang.support.IntegrationTest;
import org.khlang.support.SoftTokenFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * R8 and R11 in real Chromium: a head drafts an order, appoints a person, attaches the signed PDF and submits it,
 * confirming on the phone; the registrar approves it, confirming on the phone; the appointed person must change the
 * password at the next sign-in. The phones are reference authenticators.
 */
@IntegrationTest
@Tag("R8")
@Tag("R11")
class AppointmentOrderBrowserTests extends BrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    SoftTokenFixtures tokens;

    @Test
    void aHeadSubmitsAnOrderWithAPdfTheRegistrarApprovesAndTheAppointeeMustChangeThePassword() throws Exception {
        String base = "http://localhost:" + port;
        URI server = URI.create(base);
        KhlangUser registrar = fixtures.registrar(fixtures.office("73"));
        Agency agency = fixtures.localAgency("73");
        KhlangUser head = fixtures.head(registrar, agency);
        tokens.openWindow(agency, registrar);
        KhlangAuthenticator headPhone = tokens.bindPhone(head.accountId(), head.username(), server);
        KhlangAuthenticator registrarPhone = tokens.bindPhone(registrar.accountId(), registrar.username(), server);
        IssuedCredential appointee = fixtures.issue(registrar, agency);
        fixtures.activate(appointee);
        Path pdf = Files.createTempFile("คำสั่ง", ".pdf");
        Files.write(pdf, Fixtures.SAMPLE_PDF);

        BrowserContext headDesk = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 1000));
        Page page = headDesk.newPage();
        signInWithPhone(page, base, head.username(), headPhone);
        page.navigate(base + "/agency/orders");
        page.fill("#number", "คสม. 12/2569");
        page.fill("#date", "2026-11-26");
        page.fill("#signatory", "นายก องค์การบริหารส่วนตำบล");
        page.click("form[action='/agency/orders'] button");
        page.selectOption("#accountId", Long.toString(appointee.account().id()));
        page.selectOption("#right", "RECORDER");
        page.fill("#from", java.time.LocalDate.now().toString());
        page.fill("#duties", "บันทึกรายการขอเบิกเงิน");
        page.fill("#controlGuidelines", "หัวหน้าส่วนการคลังตรวจทุกวัน");
        page.fill("#credentialCustody", "เก็บรหัสผ่านเป็นความลับ");
        page.click("form[action$='/assignments'] button");
        // The upload field speaks Thai whatever the browser's language, and names the chosen file.
        assertThat(page.locator(".file-picker .file-button")).hasText("เลือกไฟล์");
        assertThat(page.locator(".file-picker .file-name")).hasText("ยังไม่ได้เลือกไฟล์");
        page.setInputFiles("#file", pdf);
        assertThat(page.locator(".file-picker .file-name")).hasText(pdf.getFileName().toString());
        Browsers.screenshot(page, "order-file-chosen");
        page.click("form[action$='/file'] button");
        Browsers.screenshot(page, "order-draft");
        page.click("#submit-order");
        approveWaiting(headPhone, "APPROVAL");
        assertThat(page.locator("#order-state")).hasText("รอเจ้าหน้าที่ลงทะเบียนพิจารณา");
        Browsers.screenshot(page, "order-submitted");
        headDesk.close();

        BrowserContext registrarDesk = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 1000));
        Page review = registrarDesk.newPage();
        signInWithPhone(review, base, registrar.username(), registrarPhone);
        review.navigate(base + "/registrar/orders");
        review.click("text=คสม. 12/2569");
        Browsers.screenshot(review, "order-review");
        review.click("#approve-order");
        approveWaiting(registrarPhone, "APPROVAL");
        review.waitForURL(base + "/registrar/orders");
        assertThat(review.locator("main")).containsText("อนุมัติคำสั่งแล้ว");
        registrarDesk.close();

        BrowserContext appointeeDesk = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844));
        Page appointed = appointeeDesk.newPage();
        appointed.navigate(base + "/login");
        appointed.fill("#username", appointee.account().username().value());
        appointed.fill("#password", Fixtures.GOOD_PASSWORD);
        appointed.click("button.primary");
        assertThat(appointed).hasURL(base + "/account/password");
        assertThat(appointed.locator("#forced")).isVisible();
        Browsers.screenshot(appointed, "order-appointee-forced-change");
        appointeeDesk.close();
    }

    private static void approveWaiting(KhlangAuthenticator phone, String kind) throws InterruptedException {
        for (int attempt = 0; attempt < 50; attempt++) {
            var waiting = phone.pending().stream().filter(request -> request.kind().equals(kind)).findFirst();
            if (waiting.isPresent()) {
                org.assertj.core.api.Assertions.assertThat(phone.approve(waiting.get(), null).approved()).isTrue();
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + kind + " request reached the phone");
    }
}
