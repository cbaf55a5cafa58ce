package org.khlang.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.khlang.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The pages' style sheet, script and icon are addressed by their content and kept by the browser: a page costs one
 * request, not four, and a new release cannot be hidden by an old copy (its files have new names).
 */
@IntegrationTest
class StaticFilesIntegrationTests {

    private static final Pattern LINKED = Pattern.compile("\"(/(?:css|js|img)/khlang-([0-9a-f]{32})\\.(?:css|js|svg))\"");

    @Autowired
    MockMvc mvc;

    @Autowired
    @Qualifier("resourceHandlerMapping")
    SimpleUrlHandlerMapping resourceHandlers;

    @Test
    void pagesLinkTheirFilesByContentAndTheBrowserKeepsThemForAYear() throws Exception {
        String page = mvc.perform(get("/login")).andReturn().getResponse().getContentAsString();
        Matcher linked = LINKED.matcher(page);
        int found = 0;
        while (linked.find()) {
            found++;
            var file = mvc.perform(get(linked.group(1))).andReturn().getResponse();
            assertThat(file.getStatus()).as(linked.group(1)).isEqualTo(200);
            assertThat(file.getHeader("Cache-Control")).contains("max-age=31536000", "public", "immutable")
                    .doesNotContain("no-store");
            assertThat(file.getContentAsByteArray()).isNotEmpty();
        }
        assertThat(found).as("style sheet, icon and script linked by content").isEqualTo(3);
        assertThat(page).doesNotContain("\"/css/khlang.css\"", "\"/js/khlang.js\"");
    }

    /** Sarabun (issue 18): its style sheet linked by content, and the faces it names rewritten and served too. */
    @Test
    void sarabunIsServedWithThePagesAndItsFacesAreNamedByContent() throws Exception {
        String page = mvc.perform(get("/login")).andReturn().getResponse().getContentAsString();
        Matcher sheet = Pattern.compile("\"(/fonts/sarabun/sarabun-[0-9a-f]{32}\\.css)\"").matcher(page);
        assertThat(sheet.find()).as("the login page links Sarabun's style sheet by content").isTrue();
        String css = mvc.perform(get(sheet.group(1))).andReturn().getResponse().getContentAsString();
        Matcher face = Pattern.compile("url\\(\"(/fonts/sarabun/sarabun-thai-400-normal-[0-9a-f]{32}\\.woff2)\"\\)").matcher(css);
        assertThat(face.find()).as("the Thai face, named by its content in the style sheet").isTrue();
        var font = mvc.perform(get(face.group(1))).andReturn().getResponse();
        assertThat(font.getStatus()).isEqualTo(200);
        assertThat(font.getHeader("Cache-Control")).contains("max-age=31536000", "immutable");
        assertThat(font.getContentAsByteArray()).startsWith("wOF2".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void aNameThatIsNotTheContentsIsNotServed() throws Exception {
        String page = mvc.perform(get("/login")).andReturn().getResponse().getContentAsString();
        Matcher linked = LINKED.matcher(page);
        assertThat(linked.find()).isTrue();
        String wrong = linked.group(1).replace(linked.group(2), "0".repeat(32));
        assertThat(mvc.perform(get(wrong)).andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void thePhonesAuthenticatorIsAskedForAgainSoThatAReleaseReachesItAtOnce() throws Exception {
        var page = mvc.perform(get("/authenticator/index.html")).andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getHeader("Cache-Control")).isEqualTo("no-cache");
        assertThat(page.getContentAsString()).contains("authenticator.js");
        assertThat(mvc.perform(get("/authenticator/manifest.webmanifest")).andReturn().getResponse().getStatus())
                .isEqualTo(200);
        assertThat(mvc.perform(get("/authenticator")).andReturn().getResponse().getRedirectedUrl())
                .isEqualTo("/authenticator/index.html");
        // The QR decoder comes from its webjar, at the address the authenticator's script loads it from.
        var decoder = mvc.perform(get("/authenticator/lib/html5-qrcode.min.js")).andReturn().getResponse();
        assertThat(decoder.getStatus()).isEqualTo(200);
        assertThat(decoder.getContentAsString()).contains("Html5Qrcode");
        assertThat(mvc.perform(get("/authenticator/lib/../../application.yml")).andReturn().getResponse()
                .getStatus()).isIn(400, 404);
    }

    @Test
    void onlyTheFiveFoldersAndTheAuthenticatorsQrDecoderServeFilesAndNoCatchAllLooksUpEveryLink() {
        // With Spring Boot's catch-all /** mapping, writing content names into a page looked up every link of the
        // page (/login, /money, ...) as a file in the jar; it must stay off (spring.web.resources.add-mappings).
        assertThat(resourceHandlers.getUrlMap().keySet())
                .containsExactlyInAnyOrder("/css/**", "/js/**", "/img/**", "/fonts/**", "/authenticator/**",
                        "/authenticator/lib/**");
    }

    @Test
    void pagesThemselvesAreNeverKept() throws Exception {
        assertThat(mvc.perform(get("/login")).andReturn().getResponse().getHeader("Cache-Control"))
                .contains("no-store");
    }
}
