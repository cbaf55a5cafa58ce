package org.khlang.shared.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * How the security filters refuse a page (the API's refusals are problem details, written by {@link ProblemWriter}).
 * Both end on the error page or the sign-in page, never on a bare status or JSON:
 * <ul>
 * <li>access denied: the error page, 403, saying which right is missing and whom to ask; for an address that no page
 * answers, 404 (deny by default refuses unknown addresses, but "not allowed" would send a clerk to the agency head
 * for a page that does not exist); a stale or missing CSRF token: 403 with its own advice (reload the form);</li>
 * <li>not signed in: the sign-in page, saying the session ended when the browser still sent a session that no longer
 * exists (idle time-out, suspended phone, sign-out elsewhere).</li>
 * </ul>
 */
@Component
public class PageRefusals {

    private final ObjectProvider<HandlerMapping> handlerMappings;

    PageRefusals(ObjectProvider<HandlerMapping> handlerMappings) {
        this.handlerMappings = handlerMappings;
    }

    public AccessDeniedHandler accessDenied() {
        return (HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception) -> {
            if (response.isCommitted()) {
                return;
            }
            if (exception instanceof CsrfException) {
                request.setAttribute(ErrorPages.REASON, "csrf");
                response.sendError(HttpServletResponse.SC_FORBIDDEN, "refused by security: CSRF token");
            } else if (!answered(request)) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND, "refused by security: no page here");
            } else {
                response.sendError(HttpServletResponse.SC_FORBIDDEN, "refused by security: access denied");
            }
        };
    }

    /** Sends a person who is not signed in to the sign-in page, telling them when their session has ended. */
    public AuthenticationEntryPoint signIn(String loginPath) {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException exception) -> {
            boolean ended = request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
            response.sendRedirect(request.getContextPath() + loginPath + (ended ? "?error=session" : ""));
        };
    }

    /** Whether a page or file of the application answers this address (with any method). */
    private boolean answered(HttpServletRequest request) {
        boolean parsed = ServletRequestPathUtils.hasParsedRequestPath(request);
        if (!parsed) {
            ServletRequestPathUtils.parseAndCache(request);
        }
        try {
            List<HandlerMapping> mappings = handlerMappings.orderedStream().toList();
            for (HandlerMapping mapping : mappings) {
                if (handles(mapping, request)) {
                    return true;
                }
            }
            return false;
        } finally {
            if (!parsed) {
                ServletRequestPathUtils.clearParsedRequestPath(request);
            }
        }
    }

    private static boolean handles(HandlerMapping mapping, HttpServletRequest request) {
        try {
            return mapping.getHandler(request) != null;
        } catch (Exception matchedOtherwise) {
            // A wrong method or media type still names a page that exists.
            return true;
        }
    }
}
