package org.khlang.identity.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.khlang.authority.RightGrant;
import org.khlang.authority.Rights;
import org.khlang.identity.AccountState;
import org.khlang.identity.IdentityProperties;
import org.khlang.identity.KhlangUser;
import org.khlang.identity.PasswordStatus;
import org.khlang.shared.web.ProblemWriter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * On every request of a complete sign-in: a session older than its absolute lifetime ends (AAL2: 12 hours; the
 * idle limit of 30 minutes is the session store's); a person whose account was locked or disabled meanwhile is
 * signed out; and a person whose password change is due (first login, R9 expiry, R11 flag) changes it before
 * anything else. Checked against the database, so a registrar's action takes effect at once, on every node.
 */
@Component
class SessionGate extends OncePerRequestFilter {

    static final String CHANGE_PATH = "/account/password";

    private final AccountStore accounts;
    private final PasswordService passwords;
    private final ProblemWriter problems;
    private final Clock clock;
    private final IdentityProperties properties;
    private final Rights rights;
    private final SignIns signIns;
    private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    SessionGate(AccountStore accounts, PasswordService passwords, ProblemWriter problems, Clock clock,
                IdentityProperties properties, Rights rights, SignIns signIns) {
        this.rights = rights;
        this.signIns = signIns;
        this.accounts = accounts;
        this.passwords = passwords;
        this.problems = problems;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof KhlangUser user)
                || !SignIns.has(authentication, SignIns.SIGNED_IN)) {
            chain.doFilter(request, response);
            return;
        }
        Object signedInAt = request.getSession().getAttribute(SignIns.SIGNED_IN_AT);
        if (signedInAt instanceof Long started
                && clock.millis() - started > properties.sessionLifetime().toMillis()) {
            request.getSession().invalidate();
            SecurityContextHolder.clearContext();
            response.sendRedirect(request.getContextPath() + "/login?error=expired");
            return;
        }
        AccountStore.PasswordState state = accounts.passwordState(user.accountId()).orElse(null);
        if (state == null || state.state() == AccountState.LOCKED || state.state() == AccountState.DISABLED) {
            request.getSession().invalidate();
            SecurityContextHolder.clearContext();
            response.sendRedirect(request.getContextPath() + "/login?error=" + (state == null ? "bad" : "locked"));
            return;
        }
        refreshRights(user, authentication, request, response);
        PasswordStatus status = passwords.status(state, clock.instant());
        if (status.mustChange() && !mayPass(request)) {
            if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
                problems.write(request, response, 403, "password.changeRequired");
            } else {
                response.sendRedirect(request.getContextPath() + CHANGE_PATH);
            }
            return;
        }
        request.setAttribute(PasswordStatus.class.getName(), status);
        chain.doFilter(request, response);
    }

    /**
     * Rights are checked as they stand at this moment, not as they stood at sign-in: an approved order takes effect
     * and an ended assignment lapses on its date, without signing in again.
     */
    private void refreshRights(KhlangUser user, Authentication authentication, HttpServletRequest request,
                               HttpServletResponse response) {
        Set<String> current = new HashSet<>();
        Set<Long> offices = new HashSet<>();
        for (RightGrant grant : rights.effectiveOn(user.accountId(), LocalDate.now(clock))) {
            current.add(grant.right().name());
            if (grant.registrarOfficeId() != null) {
                offices.add(grant.registrarOfficeId());
            }
        }
        if (current.equals(user.rights()) && offices.equals(user.registrarOfficeIds())) {
            return;
        }
        Authentication updated = signIns.complete(user.withRights(current, offices),
                SignIns.has(authentication, SignIns.FACTOR_SOFT_TOKEN),
                SignIns.has(authentication, SignIns.FACTOR_PASSKEY),
                SignIns.has(authentication, SignIns.PASSKEY_REPLACEMENT));
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(updated);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }

    private static boolean mayPass(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals(CHANGE_PATH) || path.equals("/logout") || path.startsWith("/css/")
                || path.startsWith("/js/") || path.startsWith("/img/") || path.startsWith("/fonts/")
                || path.equals("/favicon.ico")
                || path.equals("/error");
    }
}
