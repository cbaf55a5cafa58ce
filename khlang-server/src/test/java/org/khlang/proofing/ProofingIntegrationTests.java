package org.khlang.proofing;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.audit.AuditLog;
import org.khlang.audit.AuditRecord;
import org.khlang.proofing.internal.DevIdentityProvider;
import org.khlang.support.DevProviderClient;
import org.khlang.support.Fixtures;
import org.khlang.support.IntegrationTest;
import org.khlang.support.SoftTokenFixtures;
import org.khlang.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * R7 through the real OpenID Connect code path: discovery, authorization code with PKCE, state and nonce, a signed
 * ID token from the development provider, and Khlang's checks of the citizen ID and the assurance level.
 */
@IntegrationTest
@Tag("R7")
class ProofingIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    SoftTokenFixtures tokens;

    @Autowired
    DevIdentityProvider provider;

    @Autowired
    Proofings proofings;

    @Autowired
    AuditLog audit;

    @Test
    void theOwnerOfTheCitizenIdIsProvenAndMayThenBindAPhone() throws Exception {
        SoftTokenFixtures.Person person = tokens.person("63");
        provider.addIdentity("owner." + person.accountId(), person.issued().person().citizenId().value(), "2.3",
                "owner");
        WebSession browser = signedIn(person);

        URI authorization = startProofing(browser);
        assertThat(authorization.getQuery()).contains("code_challenge=").contains("code_challenge_method=S256")
                .contains("state=").contains("nonce=").contains("scope=openid");
        URI callback = new DevProviderClient().signIn(authorization, "owner." + person.accountId(),
                DevIdentityProvider.PASSWORD);
        browser.perform(get(URI.create(callback.getPath() + "?" + callback.getRawQuery()))).andExpect(redirectedUrl("/softtoken"));

        assertThat(proofings.usableFor(person.accountId())).hasValueSatisfying(result -> {
            assertThat(result.level()).isEqualTo(AssuranceLevel.parse("2.3"));
            assertThat(result.provider()).isEqualTo(provider.issuer());
        });
        // The Khlang sign-in survived the trip to the provider.
        browser.perform(get("/softtoken")).andExpect(status().isOk());
        browser.perform(post("/softtoken/activation").with(csrf())).andExpect(status().isOk());
        assertThat(actions()).contains("proofing.proven", "softtoken.activation.issued");
    }

    @Test
    void aDifferentCitizenIdIsRefusedAndAudited() throws Exception {
        SoftTokenFixtures.Person person = tokens.person("63");
        WebSession browser = signedIn(person);

        URI callback = new DevProviderClient().signIn(startProofing(browser), "impostor", DevIdentityProvider.PASSWORD);
        browser.perform(get(URI.create(callback.getPath() + "?" + callback.getRawQuery()))).andExpect(redirectedUrl("/softtoken"));

        assertThat(proofings.usableFor(person.accountId())).isEmpty();
        AuditRecord refused = audit.latest(1).getFirst();
        assertThat(refused.action()).isEqualTo("proofing.refused");
        assertThat(refused.details()).contains("WRONG_CITIZEN_ID");
    }

    @Test
    void anAssuranceLevelBelowTwoPointThreeIsRefused() throws Exception {
        SoftTokenFixtures.Person person = tokens.person("63");
        provider.addIdentity("weak." + person.accountId(), person.issued().person().citizenId().value(), "1.2", "weak");
        WebSession browser = signedIn(person);

        URI callback = new DevProviderClient().signIn(startProofing(browser), "weak." + person.accountId(),
                DevIdentityProvider.PASSWORD);
        browser.perform(get(URI.create(callback.getPath() + "?" + callback.getRawQuery()))).andExpect(redirectedUrl("/softtoken"));

        assertThat(proofings.usableFor(person.accountId())).isEmpty();
        assertThat(audit.latest(1).getFirst().details()).contains("LEVEL_TOO_LOW");
    }

    @Test
    void aReplayedCallbackIsRefused() throws Exception {
        SoftTokenFixtures.Person person = tokens.person("63");
        provider.addIdentity("replay." + person.accountId(), person.issued().person().citizenId().value(), "2.3", "r");
        WebSession browser = signedIn(person);
        URI callback = new DevProviderClient().signIn(startProofing(browser), "replay." + person.accountId(),
                DevIdentityProvider.PASSWORD);
        URI path = URI.create(callback.getPath() + "?" + callback.getRawQuery());
        browser.perform(get(path)).andExpect(redirectedUrl("/softtoken"));

        // The same code and state again, in a session that started proofing anew: the request it answered is gone.
        startProofing(browser);
        browser.perform(get(path)).andExpect(redirectedUrl("/softtoken"));

        assertThat(actions()).contains("proofing.failed");
        assertThat(audit.latest(1).getFirst().details()).contains("authorization_request_not_found");
    }

    @Test
    void theDevelopmentProviderRefusesToStartOutsideDevAndTest() {
        StandardEnvironment production = new StandardEnvironment();

        assertThatThrownBy(() -> newProvider(production)).hasRootCauseInstanceOf(IllegalStateException.class)
                .rootCause().hasMessageContaining("dev and test profiles only");
    }

    private static Object newProvider(StandardEnvironment environment) throws Exception {
        var constructor = DevIdentityProvider.class.getDeclaredConstructor(ProofingProperties.class,
                org.springframework.core.env.Environment.class);
        constructor.setAccessible(true);
        return constructor.newInstance(new ProofingProperties("เป๋าตัง", null, "khlang", null, "citizen_id", "ial",
                "2.3", java.time.Duration.ofHours(24), true, 0), environment);
    }

    private WebSession signedIn(SoftTokenFixtures.Person person) throws Exception {
        WebSession browser = new WebSession(mvc);
        browser.perform(post("/login").with(csrf()).param("username", person.username())
                .param("password", Fixtures.GOOD_PASSWORD)).andExpect(redirectedUrl("/"));
        return browser;
    }

    /** /proofing/start, then Spring's redirect to the provider's authorization endpoint. */
    private static URI startProofing(WebSession browser) throws Exception {
        browser.perform(get("/proofing/start")).andExpect(redirectedUrl("/oauth2/authorization/paotang"));
        MvcResult toProvider = browser.perform(get("/oauth2/authorization/paotang")).andReturn();
        return URI.create(toProvider.getResponse().getRedirectedUrl());
    }

    private List<String> actions() {
        return audit.latest(20).stream().map(AuditRecord::action).toList();
    }
}
