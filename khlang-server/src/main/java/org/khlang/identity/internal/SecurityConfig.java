package org.khlang.identity.internal;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.khlang.shared.web.ProblemWriter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Deny by default: every path is named here with who may reach it; anything else is refused. The JSON API
 * answers 401 and 403 as problem details; pages redirect to the login page.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableScheduling
class SecurityConfig {

    /** Argon2id, m = 19 MiB, t = 2, p = 1 (OWASP's minimum), 16-byte salt, 32-byte hash. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    }

    /** The gate runs inside the security chain only, not a second time as a plain servlet filter. */
    @Bean
    FilterRegistrationBean<PasswordChangeGate> passwordChangeGateRegistration(PasswordChangeGate gate) {
        FilterRegistrationBean<PasswordChangeGate> registration = new FilterRegistrationBean<>(gate);
        registration.setEnabled(false);
        return registration;
    }

    /**
     * Health probes and Prometheus metrics, on the management port only (KHLANG_MANAGEMENT_PORT), which the
     * deployment keeps to the internal network; nothing else is exposed there.
     */
    @Bean
    @Order(1)
    SecurityFilterChain management(HttpSecurity http) throws Exception {
        http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(EndpointRequest.to("health", "prometheus", "info")).permitAll()
                        .anyRequest().denyAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain web(HttpSecurity http, KhlangAuthenticationProvider provider, PasswordChangeGate gate,
                            ProblemWriter problems) throws Exception {
        PathPatternRequestMatcher api = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
        // One manager with one provider and no parent: a refused login is tried, counted and hashed exactly once.
        http.authenticationManager(new ProviderManager(provider))
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers("/login", "/css/**", "/js/**", "/img/**", "/favicon.ico", "/error")
                        .permitAll()
                        .requestMatchers("/registrar/**", "/api/v1/registrar/**").hasRole("REGISTRAR")
                        .requestMatchers("/admin/**").hasRole("SYSTEM_ADMIN")
                        .requestMatchers("/audit/**", "/api/v1/audit/**")
                        .hasAnyRole("SYSTEM_ADMIN", "INTERNAL_AUDITOR")
                        .requestMatchers("/", "/account/**", "/api/v1/me/**").authenticated()
                        .anyRequest().denyAll())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", true)
                        .failureHandler(failureHandler()).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout")
                        .deleteCookies("KHLANG_SESSION"))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .exceptionHandling(exceptions -> exceptions
                        .defaultAuthenticationEntryPointFor((request, response, exception) ->
                                problems.write(request, response, 401, "unauthenticated"), api)
                        .defaultAccessDeniedHandlerFor((request, response, exception) ->
                                problems.write(request, response, 403, "forbidden"), api)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                                request -> true))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:;"
                                + " style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self';"
                                + " form-action 'self'; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(frame -> frame.deny()))
                .addFilterAfter(gate, AuthorizationFilter.class);
        return http.build();
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
