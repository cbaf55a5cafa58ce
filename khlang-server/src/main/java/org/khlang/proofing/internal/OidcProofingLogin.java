package org.khlang.proofing.internal;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.khlang.proofing.ProofingLogin;
import org.khlang.proofing.ProofingProperties;
import org.khlang.shared.ActorPrincipal;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.client.OAuth2LoginConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Identity proofing through Spring Security's OpenID Connect client (authorization code, PKCE, state, nonce, ID
 * token signature and claims checked by Spring). Before leaving for the provider, the Khlang sign-in is kept in the
 * session; on return it is put back, and the ID token only adds a proofing result (R7).
 */
@Component
class OidcProofingLogin implements ProofingLogin {

    static final String REGISTRATION_ID = "paotang";

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OidcProofingLogin.class);

    private final ProofingProperties properties;
    private final ObjectProvider<DevIdentityProvider> devProvider;
    private final ProofingService proofings;
    private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private volatile ClientRegistration registration;

    OidcProofingLogin(ProofingProperties properties, ObjectProvider<DevIdentityProvider> devProvider,
                      ProofingService proofings) {
        this.properties = properties;
        this.devProvider = devProvider;
        this.proofings = proofings;
    }

    @Override
    public boolean available() {
        return devProvider.getIfAvailable() != null || (properties.issuer() != null && !properties.issuer().isBlank());
    }

    @Override
    public void customize(OAuth2LoginConfigurer<HttpSecurity> login) {
        ClientRegistrationRepository repository = id -> REGISTRATION_ID.equals(id) ? registration().orElse(null) : null;
        DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(repository,
                "/oauth2/authorization");
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        login.clientRegistrationRepository(repository)
                .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(resolver))
                .loginPage("/login")
                .successHandler(this::proven)
                .failureHandler(this::failed);
    }

    /** The provider's discovery document is read once, when first needed (the provider may start after Khlang). */
    private Optional<ClientRegistration> registration() {
        if (registration == null && available()) {
            synchronized (this) {
                if (registration == null) {
                    DevIdentityProvider dev = devProvider.getIfAvailable();
                    String issuer = dev != null ? dev.issuer() : properties.issuer();
                    String secret = dev != null ? dev.clientSecret() : properties.clientSecret();
                    registration = ClientRegistrations.fromIssuerLocation(issuer).registrationId(REGISTRATION_ID)
                            .clientId(dev != null ? DevIdentityProviderServer.CLIENT_ID : properties.clientId())
                            .clientSecret(secret).scope("openid")
                            .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                            .clientName(properties.providerName()).build();
                }
            }
        }
        return Optional.ofNullable(registration);
    }

    /** Tells the development provider where this Khlang listens. */
    @EventListener
    void serving(WebServerInitializedEvent event) {
        DevIdentityProvider dev = devProvider.getIfAvailable();
        if (dev != null && !"management".equals(event.getApplicationContext().getServerNamespace())) {
            int port = event.getWebServer().getPort();
            dev.allowRedirect("http://localhost:" + port + "/login/oauth2/code/" + REGISTRATION_ID);
            dev.allowRedirect("http://127.0.0.1:" + port + "/login/oauth2/code/" + REGISTRATION_ID);
            // Behind a proxy on port 80, and for in-process tests, which address Khlang without a port.
            dev.allowRedirect("http://localhost/login/oauth2/code/" + REGISTRATION_ID);
        }
    }

    private void proven(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        ActorPrincipal person = restoreHolder(request, response);
        if (person == null) {
            return;
        }
        OidcUser user = (OidcUser) authentication.getPrincipal();
        ProofingService.Outcome outcome = proofings.accept(person.actor(), new ProofingService.Claims(
                String.valueOf(user.getIdToken().getIssuer()), user.getSubject(),
                user.getIdToken().getClaimAsString(properties.citizenIdClaim()),
                user.getIdToken().getClaimAsString(properties.levelClaim()), user.getIdToken().getTokenValue()));
        request.getSession().setAttribute(OUTCOME_ATTRIBUTE, outcome.name());
        response.sendRedirect(request.getContextPath() + "/softtoken");
    }

    private void failed(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        ActorPrincipal person = restoreHolder(request, response);
        if (person == null) {
            return;
        }
        String reason = exception instanceof OAuth2AuthenticationException oauth
                ? oauth.getError().getErrorCode() : exception.getClass().getSimpleName();
        proofings.failed(person.actor(), reason);
        log.info("Identity proofing failed for account {}: {}", person.actor().accountId(), exception.getMessage());
        request.getSession().setAttribute(OUTCOME_ATTRIBUTE, "FAILED");
        response.sendRedirect(request.getContextPath() + "/softtoken");
    }

    /**
     * Puts back the Khlang sign-in kept while the person was at the provider. Without one (the callback arrived
     * in a session that never started proofing) the session is ended and {@code null} returned.
     */
    private ActorPrincipal restoreHolder(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        HttpSession session = request.getSession();
        Authentication holder = (Authentication) session.getAttribute(HOLDER_ATTRIBUTE);
        session.removeAttribute(HOLDER_ATTRIBUTE);
        if (holder == null || !(holder.getPrincipal() instanceof ActorPrincipal person)) {
            signOut(request, response);
            return null;
        }
        restore(holder, request, response);
        return person;
    }

    private void restore(Authentication holder, HttpServletRequest request, HttpServletResponse response) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(holder);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }

    private static void signOut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.getSession().invalidate();
        SecurityContextHolder.clearContext();
        response.sendRedirect(request.getContextPath() + "/login?error=proofing");
    }
}
