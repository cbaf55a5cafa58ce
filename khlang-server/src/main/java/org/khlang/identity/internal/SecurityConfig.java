package org.khlang.identity.internal;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.khlang.identity.KhlangUser;
import org.khlang.proofing.ProofingLogin;
import org.khlang.shared.web.PageRefusals;
import org.khlang.shared.web.ProblemWriter;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.config.annotation.authentication.builders.AuthenticationManagerBuilder;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Deny by default: every path is named here with who may reach it; anything else is refused. The JSON API
 * answers 401 and 403 as problem details; pages send a person who is not signed in to the login page and show a
 * refused one the error page ({@link PageRefusals}). Three chains: the management port,
 * the device API (stateless, each call proven by the device's key) and everything else.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableScheduling
class SecurityConfig {

    private static final String SIGNED_IN = SignIns.SIGNED_IN;

    /** Argon2id, m = 19 MiB, t = 2, p = 1 (OWASP's minimum), 16-byte salt, 32-byte hash. */
    @Bean
    PasswordEncoder passwordEncoder() {
        Argon2Compilation.install();
        return new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    }

    /** The gate runs inside the security chain only, not a second time as a plain servlet filter. */
    @Bean
    FilterRegistrationBean<SessionGate> sessionGateRegistration(SessionGate gate) {
        FilterRegistrationBean<SessionGate> registration = new FilterRegistrationBean<>(gate);
        registration.setEnabled(false);
        return registration;
    }

    /**
     * Health probes and Prometheus metrics, on the management port only (KHLANG_MANAGEMENT_PORT), which the
     * deployment keeps to the internal network; nothing else is exposed there.
     */
    @Bean
    @Order(1)
    SecurityFilterChain managementChain(HttpSecurity http) throws Exception {
        http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(EndpointRequest.to("health", "prometheus", "info")).permitAll()
                        .anyRequest().denyAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    /**
     * The device API: no session and no cookie, so no CSRF; every call carries a fresh proof signed by the device
     * key, which the controllers verify before anything else (design.md 4, docs/softtoken-protocol.md).
     */
    @Bean
    @Order(2)
    SecurityFilterChain deviceApiChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/v1/device/**")
                .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain webChain(HttpSecurity http, KhlangAuthenticationProvider provider, SessionGate gate,
                            ProblemWriter problems, PageRefusals pages, PhoneLogins phoneLogins, SignIns signIns,
                            ProofingLogin proofing) throws Exception {
        PathPatternRequestMatcher api = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
        // No parent manager: a refused password is tried, counted and hashed exactly once. The OpenID Connect
        // client adds its own provider for proofing.
        http.getSharedObject(AuthenticationManagerBuilder.class).parentAuthenticationManager(null);
        http.authenticationProvider(provider)
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers("/login", "/css/**", "/js/**", "/img/**", "/fonts/**", "/favicon.ico",
                                "/error", "/authenticator", "/authenticator/**", "/login/oauth2/code/**", "/lost-phone",
                                "/help", "/help/chat")
                        .permitAll()
                        .requestMatchers("/help/tickets", "/help/tickets/**").hasAuthority(SIGNED_IN)
                        .requestMatchers("/helpdesk", "/helpdesk/**").hasRole("HELPDESK")
                        .requestMatchers("/notices", "/notices/**").hasAuthority(SIGNED_IN)
                        .requestMatchers("/login/confirm", "/login/confirm/**", "/login/passkey",
                                "/login/passkey/**")
                        .hasAuthority(SignIns.SECOND_FACTOR_PENDING)
                        .requestMatchers("/registrar/**", "/api/v1/registrar/**").hasRole("REGISTRAR")
                        .requestMatchers("/admin/**").hasRole("SYSTEM_ADMIN")
                        .requestMatchers("/agency/**").hasRole("AGENCY_HEAD")
                        // Fraud signals: the agency head (who releases holds) and internal audit read them.
                        .requestMatchers("/risk", "/risk.xlsx", "/risk/**").hasAnyRole("AGENCY_HEAD", "INTERNAL_AUDITOR")
                        // Money: the agency's rights, held only in a Soft Token session (R5, R6); every command
                        // checks the exact right for the document's agency again when it runs.
                        .requestMatchers("/money/reports", "/money/reports/**")
                        .hasAnyRole("RECORDER", "WITHDRAWAL_APPROVER", "PAYMENT_APPROVER", "AGENCY_HEAD",
                                "INTERNAL_AUDITOR")
                        .requestMatchers("/money/**", "/api/v1/money/**")
                        .hasAnyRole("RECORDER", "WITHDRAWAL_APPROVER", "PAYMENT_APPROVER", "AGENCY_HEAD")
                        // Compliance reports read money and people: internal audit only, never the administrator.
                        .requestMatchers("/audit/compliance", "/audit/compliance/**", "/audit/trail",
                                "/audit/withdrawals", "/audit/withdrawals/**")
                        .hasRole("INTERNAL_AUDITOR")
                        .requestMatchers("/audit/**", "/api/v1/audit/**")
                        .hasAnyRole("SYSTEM_ADMIN", "INTERNAL_AUDITOR")
                        .requestMatchers("/", "/account/**", "/api/v1/me/**", "/softtoken/**", "/proofing/**",
                                "/oauth2/authorization/**").hasAuthority(SIGNED_IN)
                        .anyRequest().denyAll())
                .formLogin(form -> form.loginPage("/login").successHandler(successHandler(phoneLogins, signIns))
                        .failureHandler(failureHandler()).permitAll())
                .oauth2Login(proofing)
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout")
                        .deleteCookies("KHLANG_SESSION"))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                // The CSRF token in a cookie (double submit): viewing the sign-in page creates no session row.
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens()))
                .exceptionHandling(exceptions -> exceptions
                        .defaultAuthenticationEntryPointFor((request, response, exception) ->
                                problems.write(request, response, 401, "unauthenticated"), api)
                        .defaultAccessDeniedHandlerFor((request, response, exception) ->
                                problems.write(request, response, 403, "forbidden"), api)
                        .defaultAuthenticationEntryPointFor(pages.signIn("/login"), request -> true)
                        .defaultAccessDeniedHandlerFor(pages.accessDenied(), request -> true))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:;"
                                + " style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self';"
                                + " form-action 'self'; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(frame -> frame.deny()))
                .addFilterAfter(gate, AuthorizationFilter.class);
        return http.build();
    }


    /**
     * No Spring Security observations at all: with them switched off by property the filter chain and the
     * authentication and authorization managers are still wrapped in decorators on every request; this removes the
     * wrappers. HTTP request metrics (http.server.requests) and Khlang's own meters stay.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * A request the firewall refuses (control or non-ASCII characters in a header, encoded slashes in the path…) is
     * a bad request (400), never a server error.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return new HttpStatusRequestRejectedHandler();
    }

    /**
     * Spring Security's strict firewall, also refusing a NUL character in any parameter value: PostgreSQL cannot
     * store it in text, so it could only ever turn into a server error further on (found by the hostile-input suite).
     * Line breaks and tabs stay allowed — addresses and descriptions have several lines.
     */
    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedParameterValues(value -> value.indexOf(0) < 0);
        return firewall;
    }

    private static CookieCsrfTokenRepository csrfTokens() {
        CookieCsrfTokenRepository repository = new CookieCsrfTokenRepository();
        repository.setCookieName("KHLANG_CSRF");
        repository.setHeaderName("X-KHLANG-CSRF");
        repository.setCookieCustomizer(cookie -> cookie.httpOnly(true).sameSite("Lax"));
        return repository;
    }

    /** With a Soft Token the password leads to the phone; without one, straight in (without money rights). */
    private static AuthenticationSuccessHandler successHandler(PhoneLogins phoneLogins, SignIns signIns) {
        return (HttpServletRequest request, HttpServletResponse response, Authentication authentication) -> {
            if (SignIns.has(authentication, SignIns.SECOND_FACTOR_PENDING)) {
                java.util.Optional<String> refused = phoneLogins.ask((KhlangUser) authentication.getPrincipal(),
                        request);
                if (refused.isPresent() && refused.get().equals("passkey")) {
                    response.sendRedirect(request.getContextPath() + "/login/passkey");
                } else if (refused.isEmpty()) {
                    // The number comes back in the answer to the password, not after a redirect: one round trip
                    // less on a slow rural link, and one request less for the server. The page's script puts
                    // /login/confirm in the address bar, so reloading it asks nothing twice.
                    request.getRequestDispatcher("/login/confirm").forward(request, response);
                } else {
                    request.getSession().invalidate();
                    response.sendRedirect(request.getContextPath() + "/login?" + refused.get());
                }
                return;
            }
            signIns.markSignedIn(request);
            response.sendRedirect(request.getContextPath() + "/");
        };
    }

    /** One answer for every failure that could tell whether an account exists. */
    private static AuthenticationFailureHandler failureHandler() {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException exception) -> {
            String code = switch (exception) {
                case KhlangAuthenticationProvider.ThrottledException throttled when throttled.until() != null ->
                        "wait&until=" + URLEncoder.encode(throttled.until().toString(), StandardCharsets.UTF_8);
                case KhlangAuthenticationProvider.ThrottledException throttled -> "limit";
                case KhlangAuthenticationProvider.InitialPasswordExpiredException expired -> "initialExpired";
                case org.springframework.security.authentication.LockedException locked -> "locked";
                case org.springframework.security.authentication.DisabledException disabled -> "disabled";
                default -> "bad";
            };
            redirect(response, request.getContextPath() + "/login?error=" + code);
        };
    }

    private static void redirect(HttpServletResponse response, String location) throws IOException {
        response.sendRedirect(location);
    }
}
