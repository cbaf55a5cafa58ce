package org.khlang.support;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * The system's Chromium (Debian package, /usr/bin/chromium) driven by Playwright; Playwright never downloads a
 * browser of its own here.
 */
public final class Browsers {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static final List<String> ARGUMENTS = List.of("--no-sandbox", "--headless", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");

    private Browsers() {
    }

    public static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    public static Browser chromium(Playwright playwright) {
        return chromium(playwright, List.of());
    }

    /** The system's Chromium with arguments of its own beyond the usual ones (a fake camera, say). */
    public static Browser chromium(Playwright playwright, List<String> more) {
        List<String> arguments = new java.util.ArrayList<>(ARGUMENTS);
        arguments.addAll(more);
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of("/usr/bin/chromium")).setHeadless(true).setArgs(arguments));
    }

    public static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }
}
