package org.khlang.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

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
}
