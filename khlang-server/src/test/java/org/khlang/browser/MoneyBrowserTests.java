package org.khlang.browser;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.authority.Right;
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

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * R6 in real Chromium: a recorder records a request; approver 1 approves it on a phone running /authenticator,
 * which shows the document, the amount in figures and Thai words, the payee and the masked account; approver 2
 * approves the payment batch on the reference authenticator; the pain.001 file is downloaded, the bank's pain.002 result
 * imported, and the document shows paid.
 */
@IntegrationTest
@Tag("R6")
@Tag("R13")
class MoneyBrowserTests extends BrowserTest {

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

    @Test
    void recorderApproverOnePhoneApproverTwoBatchBankFileAndResult() throws Exception {
        String base = "http://localhost:" + port;
        Office office = money.office("44", URI.create(base), "250000.00");
        IssuedCredential approver = fixtures.issue(office.registrar(), office.agency());
        fixtures.activate(approver);
        fixtures.grantMigrated(approver.account().id(), Right.WITHDRAWAL_APPROVER, office.agency());
        String approverName = approver.account().username().value();

        // Approver 1's phone: the mobile web authenticator, bound with an activation code.
        Page phone = boundWebAuthenticator(base, tokens.activationCode(approver.account().id(), approverName), "โทรศัพท์ผู้อนุมัติ");
        BrowserContext phoneContext = phone.context();

        // The recorder records a ขบ02 request.
        BrowserContext recorderContext = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 1000));
        Page recorder = recorderContext.newPage();
        signInWithPhone(recorder, base, office.recorder().actor().username(), office.recorder().phone());
        recorder.navigate(base + "/money/withdrawals/new");
        recorder.selectOption("#payeeId", Long.toString(office.payee().id()));
        recorder.fill("#description", "ค่าวัสดุสำนักงาน ไตรมาส 1");
        recorder.selectOption("select[name=budgetLineId0]", Long.toString(office.budget().id()));
        recorder.fill("input[name=lineDescription0]", "กระดาษ A4 จำนวน 100 รีม");
        recorder.fill("input[name=invoiceRef0]", "IV-2570-0042");
        recorder.fill("input[name=amount0]", "12,101.00");
        Browsers.screenshot(recorder, "money-record-form");
        recorder.click("#withdrawal-form button.primary");
        assertThat(recorder.locator("#notice")).containsText("บันทึกเอกสาร");
        assertThat(recorder.locator("#total-words")).containsText("หนึ่งหมื่นสองพันหนึ่งร้อยเอ็ดบาทถ้วน");
        String documentUrl = recorder.url();
        Path invoice = Files.createTempFile("ใบแจ้งหนี้", ".pdf");
        Files.write(invoice, Fixtures.SAMPLE_PDF);
        recorder.setInputFiles("#attach-form #file", invoice);
        recorder.click("#attach-form button");
        assertThat(recorder.locator("#attachments")).containsText(".pdf");
        Browsers.screenshot(recorder, "money-recorded");

        // Approver 1 signs in (number on the phone) and approves on the phone.
        BrowserContext approverContext = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 1000));
        Page desk = approverContext.newPage();
        desk.navigate(base + "/login");
        desk.fill("#username", approverName);
        desk.fill("#password", Fixtures.GOOD_PASSWORD);
        desk.click("button.primary");
        String number = desk.textContent("#number").strip();
        if (phone.locator("#unlock").isVisible()) {
            phone.fill("#unlock-pin", "135790");
            phone.click("#unlock");
        }
        phone.locator(".request").first().waitFor();
        phone.fill(".request .number", number);
        phone.click(".request .approve");
        desk.waitForURL(base + "/");
        desk.navigate(documentUrl);
        desk.click("#approve1");
        assertThat(desk.locator("#confirm-status")).isVisible();
        Browsers.screenshot(desk, "money-approval1-waiting");
        phone.locator(".request .detail").first().waitFor();
        assertThat(phone.locator(".request .detail").first()).containsText("12,101.00 บาท");
        assertThat(phone.locator(".request .detail").first()).containsText("หนึ่งหมื่นสองพันหนึ่งร้อยเอ็ดบาทถ้วน");
        assertThat(phone.locator(".request .detail").first()).containsText("xxxxx6789x");
        // The payee is a juristic person: the phone shows the gross, the 1% withheld and the net it signs.
        assertThat(phone.locator(".request .detail").first()).containsText("ยอดก่อนหัก 12,101.00 บาท");
        assertThat(phone.locator(".request .detail").first()).containsText("หักภาษี ณ ที่จ่าย 1% 121.01 บาท");
        assertThat(phone.locator(".request .detail").first()).containsText("จ่ายสุทธิ 11,979.99 บาท");
        // At 360 x 640: the amount and the payee are the largest words of the request, nothing scrolls sideways.
        assertThat(phone.locator(".request .amount").first()).hasText("12,101.00 บาท");
        assertThat(phone.locator(".request .payee").first()).hasText(office.payee().name());
        org.assertj.core.api.Assertions.assertThat((Boolean) phone.evaluate("() => {"
                + " const card = document.querySelector('.request');"
                + " const size = (e) => parseFloat(getComputedStyle(e).fontSize);"
                + " const amount = size(card.querySelector('.amount'));"
                + " return [...card.querySelectorAll('*')].filter((e) => !e.closest('.amount')"
                + " && e.offsetParent !== null && e.textContent.trim()).every((e) => size(e) < amount); }"))
                .as("the amount is the largest text of the approval").isTrue();
        org.assertj.core.api.Assertions.assertThat((Boolean) phone.evaluate(
                "document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth"))
                .as("no horizontal scrolling at 360 px").isTrue();
        Browsers.screenshot(phone, "money-phone-approval1");
        phone.click(".request .approve");
        desk.waitForURL(documentUrl);
        assertThat(desk.locator("#withdrawal-state")).containsText("อนุมัติเบิกแล้ว");
        approverContext.close();

        // Approver 2 approves the batch on the reference authenticator.
        BrowserContext payerContext = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 1000));
        Page payer = payerContext.newPage();
        signInWithPhone(payer, base, office.approver2().actor().username(), office.approver2().phone());
        payer.navigate(base + "/money");
        Browsers.screenshot(payer, "money-approval2-list");
        payer.click("#batch-form button.primary");
        approveWaiting(office.approver2().phone());
        payer.waitForURL(url -> url.contains("/money/batches/"));
        assertThat(payer.locator("#notice")).containsText("อนุมัติจ่าย 1 รายการ");
        Browsers.screenshot(payer, "money-batch");
        Download download = payer.waitForDownload(() -> payer.click("#download"));
        String xml = Files.readString(download.path(), StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThat(xml).contains("pain.001.001.09", "11979.99");
        String e2e = payer.locator("#payments td.mono").first().textContent().strip();
        String batchUrl = payer.url();
        payerContext.close();

        // The recorder imports the bank's ISO 20022 status report: one stating a wrong amount is refused whole,
        // the line and both amounts named in Thai; the bank's correct report pays the document.
        String messageId = xml.replaceAll("(?s).*?<MsgId>([^<]+)</MsgId>.*", "$1");
        org.khlang.disbursement.Payment sent = new org.khlang.disbursement.Payment(0, 0, 0, e2e,
                new java.math.BigDecimal("11979.99"), new org.khlang.disbursement.BankAccount("006", "1234567890",
                "ผู้รับเงิน"), org.khlang.disbursement.Payment.State.SENT, 0, null, null);
        Path wrong = Files.createTempFile("bank-status", ".xml");
        Files.write(wrong, org.khlang.support.BankFiles.pain002(messageId, null, java.util.List.of(
                new org.khlang.support.BankFiles.Status(sent, "ACSC", null, new java.math.BigDecimal("11989.00")))));
        recorder.navigate(batchUrl);
        recorder.setInputFiles("#file", wrong);
        recorder.click("form[action$='/results'] button");
        assertThat(recorder.locator("#row-errors")).containsText("แฟ้มระบุ 11,989.00 บาท แต่ชุดนี้ส่ง 11,979.99 บาท");
        Browsers.screenshot(recorder, "money-results-refused");
        Path results = Files.createTempFile("bank-status", ".xml");
        Files.write(results, org.khlang.support.BankFiles.pain002(messageId, null, java.util.List.of(
                org.khlang.support.BankFiles.Status.of(sent, "ACSC"))));
        recorder.setInputFiles("#file", results);
        recorder.click("form[action$='/results'] button");
        assertThat(recorder.locator("#notice")).containsText("จ่ายสำเร็จ 1 รายการ");
        recorder.navigate(documentUrl);
        assertThat(recorder.locator("#withdrawal-state")).containsText("จ่ายแล้ว");
        assertThat(recorder.locator("#checks li.ok")).hasCount(2);
        Browsers.screenshot(recorder, "money-paid");
        recorder.navigate(base + "/money/reports/register");
        assertThat(recorder.locator("#report")).containsText("จ่ายแล้ว");
        assertThat(recorder.locator("#report")).containsText("12,101.00");
        Browsers.screenshot(recorder, "money-register-report");
        Download pdf = recorder.waitForDownload(() -> recorder.click("#pdf"));
        byte[] printed = Files.readAllBytes(pdf.path());
        org.assertj.core.api.Assertions.assertThat(new String(printed, 0, 5, StandardCharsets.ISO_8859_1))
                .isEqualTo("%PDF-");
        recorderContext.close();
        phoneContext.close();
    }
}
