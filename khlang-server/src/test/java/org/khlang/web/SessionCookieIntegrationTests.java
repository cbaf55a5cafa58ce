package org.khlang.web;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.khlang.identity.IssuedCredential;
import org.khlang.identity.KhlangUser;
import org.khlang.support.Fixtures;
import org.khlang.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;

/** ASVS V7 (sessions) and V3 headers: cookie flags, HSTS over HTTPS, no session id in URLs. */
@IntegrationTest
class SessionCookieIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    @Test
    void theSessionCookieIsHttpOnlySecureAndSameSiteAndNeverInTheUrl() throws Exception {
        KhlangUser registrar = fixtures.registrar(fixtures.office("10"));
        IssuedCredential person = fixtures.issue(registrar, fixtures.localAgency("10"));
        fixtures.activate(person);

        var response = mvc.perform(post("/login").secure(true).with(csrf())
                .param("username", person.account().username().value()).param("password", Fixtures.GOOD_PASSWORD))
                .andReturn().getResponse();

        List<String> cookies = response.getHeaders("Set-Cookie");
        // Secure is off in the test profile only (browser tests run over plain http on localhost); production's
        // setting is checked below.
        assertThat(cookies).anySatisfy(cookie -> assertThat(cookie).startsWith("KHLANG_SESSION=")
                .contains("HttpOnly", "SameSite=Lax"));
        assertThat(response.getRedirectedUrl()).doesNotContainIgnoringCase("jsessionid")
                .doesNotContainIgnoringCase("session");
    }

    @Test
    void productionMarksTheSessionCookieSecureUnlessAnOperatorTurnsItOff() throws Exception {
        var documents = new org.springframework.boot.env.YamlPropertySourceLoader().load("application",
                new org.springframework.core.io.ClassPathResource("application.yml"));
        assertThat(documents.getFirst().getProperty("server.servlet.session.cookie.secure"))
                .hasToString("${KHLANG_SECURE_COOKIES:true}");
        assertThat(documents.getFirst().getProperty("server.servlet.session.cookie.http-only")).hasToString("true");
    }

    @Test
    void httpsAnswersCarryStrictTransportSecurity() throws Exception {
        mvc.perform(get("/login").secure(true))
                .andExpect(header().string("Strict-Transport-Security", org.hamcrest.Matchers.containsString(
                        "max-age=")));
    }
}
