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
        assertThat(phone.locator("#who")).hasAttribute("data-state", "ACTIVE");
        // The Thai screen names the state in Thai, never the code.
        assertThat(phone.locator("#who")).containsText("ใช้งานได้");
        assertThat(phone.locator("#who")).not().containsText("ACTIVE");
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

    /**
     * The phone's camera reads the QR code on the desktop's screen: Chromium's fake camera plays a video of the very
     * QR code the page drew (taken from a screenshot), and the web authenticator decodes it. Headless Chromium on
     * Linux has no BarcodeDetector, so this proves the html5-qrcode path from its webjar; the BarcodeDetector path
     * runs on Android and macOS browsers.
     */
    @Test
    void thePhoneScansTheSignInQrCodeOnTheScreen() throws Exception {
        SoftTokenFixtures.Person person = tokens.person("64");
        tokens.proven(person);
        String base = "http://localhost:" + port;
        Path video = Files.createTempFile("khlang-camera", ".y4m");
        FakeCamera.write(video, null);
        try (Browser phoneBrowser = Browsers.chromium(playwright, java.util.List.of(
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--use-file-for-fake-video-capture=" + video))) {
            // A cheap phone's screen: 360 x 640.
            BrowserContext phoneContext = phoneBrowser.newContext(new Browser.NewContextOptions()
                    .setViewportSize(360, 640).setIsMobile(true).setHasTouch(true));
            phoneContext.grantPermissions(java.util.List.of("camera"), new BrowserContext.GrantPermissionsOptions()
                    .setOrigin(base));
            Page phone = phoneContext.newPage();
            java.util.List<String> console = new java.util.ArrayList<>();
            phone.onConsoleMessage(message -> console.add(message.type() + ": " + message.text()));
            phone.navigate(base + "/authenticator/#code=" + tokens.code(person).code());
            phone.fill("#pin", "246810");
            phone.fill("#pin2", "246810");
            phone.click("#activate");
            assertThat(phone.locator("#who")).hasAttribute("data-state", "ACTIVE");

            BrowserContext desk = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
            Page desktop = desk.newPage();
            signIn(desktop, base, person.username());
            String number = desktop.textContent("#number").strip();
            assertThat(number).matches("[0-9]{6}");
            assertThat(desktop.locator("#number span")).hasText(new String[] {number.substring(0, 3),
                    number.substring(3)});
            Browsers.screenshot(desktop, "signin-secret-desktop");
            Accessibility.check(desktop, "login-confirm");
            java.awt.image.BufferedImage qr = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
                    desktop.locator("#number-qr").screenshot()));
            // What the page drew decodes, with ZXing here, to the request and the six digits.
            String text = FakeCamera.decode(qr);
            assertThat(text).matches("khlang:signin\\?r=[0-9a-f-]{36}&n=" + number);
            FakeCamera.write(video, qr);

            phone.locator(".request").first().waitFor();
            // Buddhist era and Bangkok time, whatever the phone's own zone (this one runs in UTC).
            int buddhistYear = java.time.LocalDate.now(org.khlang.calendar.ThaiDates.BANGKOK).getYear() + 543;
            assertThat(phone.locator(".request .expires")).containsText(String.valueOf(buddhistYear));
            assertThat(phone.locator(".request .expires")).containsText(" น.");
            assertThat(phone.locator(".request .title")).containsText("เข้าสู่ระบบคลัง");
            assertThat((Boolean) phone.evaluate("document.scrollingElement.scrollWidth"
                    + " <= document.scrollingElement.clientWidth")).as("no horizontal scrolling at 360 px").isTrue();
            Browsers.screenshot(phone, "signin-secret-phone-360");
            phone.click(".request .scan");
            try {
                assertThat(phone.locator(".request .number")).hasValue(number.substring(0, 3) + " "
                        + number.substring(3), new com.microsoft.playwright.assertions.LocatorAssertions
                        .HasValueOptions().setTimeout(40_000));
            } catch (AssertionError notRead) {
                Browsers.screenshot(phone, "signin-secret-phone-not-scanned");
                throw new AssertionError("the phone did not read the QR code; it says \"" + phone.textContent("#message")
                        + "\"; console: " + console, notRead);
            }
            assertThat(phone.locator("#message")).containsText("อ่านตัวเลขแล้ว");
            Browsers.screenshot(phone, "signin-secret-phone-scanned");
            phone.click(".request .approve");
            assertThat(phone.locator("#message")).containsText("อนุมัติแล้ว");
            desktop.waitForURL(base + "/");
            assertThat(console).noneMatch(line -> line.contains("Content Security Policy"));
            desk.close();
        } finally {
            Files.deleteIfExists(video);
        }
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

    /** A Y4M video for Chromium's fake camera: a still picture, centred on white, twice its size; and a QR reader. */
    static final class FakeCamera {

        private static final int WIDTH = 640;
        private static final int HEIGHT = 480;

        static void write(Path file, java.awt.image.BufferedImage picture) throws java.io.IOException {
            byte[] luma = new byte[WIDTH * HEIGHT];
            java.util.Arrays.fill(luma, (byte) 235);
            if (picture != null) {
                int scale = 2;
                int left = (WIDTH - picture.getWidth() * scale) / 2;
                int top = (HEIGHT - picture.getHeight() * scale) / 2;
                for (int y = 0; y < picture.getHeight() * scale; y++) {
                    for (int x = 0; x < picture.getWidth() * scale; x++) {
                        int rgb = picture.getRGB(x / scale, y / scale);
                        int grey = (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / 3;
                        luma[(top + y) * WIDTH + left + x] = (byte) (16 + grey * 219 / 255);
                    }
                }
            }
            byte[] chroma = new byte[WIDTH * HEIGHT / 4];
            java.util.Arrays.fill(chroma, (byte) 128);
            try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file))) {
                out.write(("YUV4MPEG2 W" + WIDTH + " H" + HEIGHT + " F10:1 Ip A1:1 C420jpeg\n")
                        .getBytes(StandardCharsets.US_ASCII));
                for (int frame = 0; frame < 10; frame++) {
                    out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                    out.write(luma);
                    out.write(chroma);
                    out.write(chroma);
                }
            }
        }

        static String decode(java.awt.image.BufferedImage picture) throws Exception {
            int[] pixels = picture.getRGB(0, 0, picture.getWidth(), picture.getHeight(), null, 0, picture.getWidth());
            com.google.zxing.BinaryBitmap bitmap = new com.google.zxing.BinaryBitmap(
                    new com.google.zxing.common.HybridBinarizer(new com.google.zxing.RGBLuminanceSource(
                            picture.getWidth(), picture.getHeight(), pixels)));
            return new com.google.zxing.qrcode.QRCodeReader().decode(bitmap).getText();
        }
    }
}
