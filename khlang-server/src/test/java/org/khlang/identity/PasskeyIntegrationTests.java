package org.khlang.identity;

import java.net.URI;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.authenticator.PendingRequest;
import org.khlang.identity.internal.Passkeys;
import org.khlang.support.Fixtures;
import org.khlang.support.IntegrationTest;
import org.khlang.support.SoftTokenFixtures;
import org.khlang.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The passkey endpoints' refusals over MockMvc on PostgreSQL: each is an RFC 9457 problem in Thai and English, and
 * none stores a passkey. The ceremonies themselves run in real Chromium ({@code PasskeyBrowserTests}).
 */
@IntegrationTest
@Tag("AAL2")
class PasskeyIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    SoftTokenFixtures tokens;

    @Autowired
    Passkeys passkeys;

    @Test
    void aPasskeyIsAddedOnlyWithAPhoneToConfirmIt() throws Exception {
        SoftTokenFixtures.Person person = tokens.person("52");
        WebSession browser = new WebSession(mvc);
        browser.perform(post("/login").with(csrf()).param("username", person.username())
                .param("password", Fixtures.GOOD_PASSWORD)).andExpect(redirectedUrl("/"));

        browser.perform(post("/account/passkeys/options").with(csrf()).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.code").value("passkey.softTokenFirst"))
                .andExpect(jsonPath("$.message_th").value(org.hamcrest.Matchers.containsString("ผูกโทรศัพท์")));
        browser.perform(get("/account")).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.containsString("id=\"passkey-register\""))));
    }

    @Test
    void aRegistrationWithoutItsCeremonyOrWithAForgedCredentialIsRefusedAndStoresNothing() throws Exception {
        SoftTokenFixtures.Enrolled enrolled = tokens.enrolled("52", URI.create("http://localhost:" + port));
        WebSession browser = signedIn(enrolled);

        browser.perform(post("/account/passkeys").with(csrf()).param("label", "เครื่องปลอม")
                        .param("credential", "{}").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("passkey.ceremony"));
        browser.perform(post("/account/passkeys/options").with(csrf()).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk()).andExpect(jsonPath("$.challenge").isString())
                .andExpect(jsonPath("$.rp.id").value("localhost"))
                .andExpect(jsonPath("$.authenticatorSelection.userVerification").value("required"));
        browser.perform(post("/account/passkeys").with(csrf()).param("label", " ")
                        .param("credential", "{}").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("passkey.label"));
        browser.perform(post("/account/passkeys/options").with(csrf()).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk());
        browser.perform(post("/account/passkeys").with(csrf()).param("label", "เครื่องปลอม")
                        .param("credential", "not json at all").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("passkey.unreadable"));
        browser.perform(post("/account/passkeys/options").with(csrf()).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk());
        String forged = """
                {"id":"AAAA","rawId":"AAAA","type":"public-key","clientExtensionResults":{},
                 "response":{"clientDataJSON":"e30","attestationObject":"oA","transports":["internal"]}}""";
        browser.perform(post("/account/passkeys").with(csrf()).param("label", "เครื่องปลอม")
                        .param("credential", forged).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.code").value("passkey.refused"));

        assertThat(passkeys.of(enrolled.person().accountId())).isEmpty();
        assertThat(enrolled.phone().pending()).noneMatch(request -> request.kind().equals("APPROVAL"));
    }

    @Test
    void withoutAPasskeyTheSignInGoesStraightToThePhoneAndThePasskeyStepNeedsItsChallenge() throws Exception {
        SoftTokenFixtures.Enrolled enrolled = tokens.enrolled("52", URI.create("http://localhost:" + port));
        WebSession browser = new WebSession(mvc);
        browser.perform(post("/login").with(csrf()).param("username", enrolled.person().username())
                .param("password", Fixtures.GOOD_PASSWORD)).andExpect(forwardedUrl("/login/confirm"));

        browser.perform(get("/login/passkey")).andExpect(redirectedUrl("/login/confirm"));
        browser.perform(post("/login/passkey").with(csrf()).param("credential", "{}")
                        .accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("passkey.ceremony"));
        // Nobody signed in: the wait for the phone goes on.
        browser.perform(get("/api/v1/me")).andExpect(status().isForbidden());
        // Someone not even past the password has no passkey step at all: back to the sign-in page.
        new WebSession(mvc).perform(post("/login/passkey/options").with(csrf()).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().is3xxRedirection())
                .andExpect(result -> assertThat(result.getResponse().getRedirectedUrl()).endsWith("/login"));
    }

    private WebSession signedIn(SoftTokenFixtures.Enrolled enrolled) throws Exception {
        WebSession browser = new WebSession(mvc);
        browser.perform(post("/login").with(csrf()).param("username", enrolled.person().username())
                .param("password", Fixtures.GOOD_PASSWORD)).andExpect(forwardedUrl("/login/confirm"));
        String page = browser.perform(get("/login/confirm")).andReturn().getResponse().getContentAsString();
        int number = Integer.parseInt(page.replaceAll("(?s).*data-digits=\"(\\d{6})\".*", "$1"));
        PendingRequest login = enrolled.phone().pending().getFirst();
        assertThat(enrolled.phone().approve(login, number).approved()).isTrue();
        browser.perform(post("/login/confirm/complete").with(csrf())).andExpect(redirectedUrl("/"));
        return browser;
    }
}
