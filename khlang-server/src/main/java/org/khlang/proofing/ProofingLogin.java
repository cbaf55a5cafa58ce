package org.khlang.proofing;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.client.OAuth2LoginConfigurer;

/**
 * The OpenID Connect client set-up for identity proofing: authorization code with PKCE, state and nonce, against
 * the configured provider. The security configuration applies it; a successful sign-in at the provider does not
 * replace the Khlang session, it records a proofing result for the person already signed in.
 */
public interface ProofingLogin extends Customizer<OAuth2LoginConfigurer<HttpSecurity>> {

    /** Where a signed-in person starts proofing. */
    String START_PATH = "/proofing/start";

    /** Session attribute holding the Khlang sign-in while the person is away at the provider. */
    String HOLDER_ATTRIBUTE = "org.khlang.proofing.holder";

    /** Session attribute carrying the proofing outcome back to the page that started it; read once. */
    String OUTCOME_ATTRIBUTE = "org.khlang.proofing.outcome";

    /** Whether a provider is configured at all. */
    boolean available();
}
