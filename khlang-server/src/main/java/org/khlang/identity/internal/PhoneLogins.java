package org.khlang.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.khlang.identity.KhlangUser;
import org.khlang.softtoken.BrowserInfo;
import org.khlang.softtoken.LoginStart;
import org.khlang.softtoken.RequestState;
import org.khlang.softtoken.SoftTokens;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The second half of a login with a Soft Token (DESIGN.md 4.2): the browser shows a number and waits; the phone
 * approves; the browser's session then becomes a complete sign-in under a new session id.
 */
@Service
public class PhoneLogins {

    /** Session attributes of the wait: the request and the number the browser shows. */
    public static final String REQUEST = PhoneLogins.class.getName() + ".request";
    public static final String NUMBER = PhoneLogins.class.getName() + ".number";
    public static final String EXPIRES = PhoneLogins.class.getName() + ".expires";
    /** Request attribute: the phone was asked in this very request, so its request is pending (nothing to read). */
    private static final String ASKED_NOW = PhoneLogins.class.getName() + ".askedNow";

    private final SoftTokens softTokens;
    private final SignIns signIns;
    private final KhlangAuthenticationProvider logins;

    PhoneLogins(SoftTokens softTokens, SignIns signIns, KhlangAuthenticationProvider logins) {
        this.softTokens = softTokens;
        this.signIns = signIns;
        this.logins = logins;
    }

    /** Asks the phone; false when too many requests were sent lately (the caller then ends the attempt). */
    public boolean ask(KhlangUser user, HttpServletRequest request) {
        LoginStart start = softTokens.startLogin(user.accountId(),
                new BrowserInfo(request.getRemoteAddr(), request.getHeader("User-Agent")));
        if (start instanceof LoginStart.Started started) {
            HttpSession session = request.getSession();
            session.setAttribute(REQUEST, started.requestId());
            session.setAttribute(NUMBER, started.shownNumber());
            session.setAttribute(EXPIRES, started.expiresAt().toString());
            request.setAttribute(ASKED_NOW, Boolean.TRUE);
            return true;
        }
        return false;
    }

    /** The state for the page with the number; right after the ask (the password's answer) it is pending. */
    public RequestState state(KhlangUser user, HttpServletRequest request) {
        return request.getAttribute(ASKED_NOW) != null ? RequestState.PENDING : state(user, request.getSession());
    }

    public RequestState state(KhlangUser user, HttpSession session) {
        String requestId = (String) session.getAttribute(REQUEST);
        return requestId == null ? RequestState.CANCELLED : softTokens.loginState(requestId, user.accountId());
    }

    /** Completes the sign-in if the phone approved and this approval was not used yet. */
    @Transactional
    public boolean complete(KhlangUser user, HttpServletRequest request, HttpServletResponse response) {
        String requestId = (String) request.getSession().getAttribute(REQUEST);
        if (requestId == null || !softTokens.consumeLogin(requestId, user.accountId())) {
            return false;
        }
        finish(user, request, response, "PASSWORD+SOFT_TOKEN");
        return true;
    }

    /** The offline code instead of the push (RFC 6238); each code works once. */
    @Transactional(noRollbackFor = org.khlang.shared.KhlangProblem.class)
    public boolean completeWithCode(KhlangUser user, String code, HttpServletRequest request,
                                    HttpServletResponse response) {
        String requestId = (String) request.getSession().getAttribute(REQUEST);
        if (requestId == null || !softTokens.acceptOfflineCode(user.accountId(), code, requestId)
                || !softTokens.consumeLogin(requestId, user.accountId())) {
            return false;
        }
        finish(user, request, response, "PASSWORD+OFFLINE_CODE");
        return true;
    }

    private void finish(KhlangUser user, HttpServletRequest request, HttpServletResponse response, String factors) {
        HttpSession session = request.getSession();
        session.removeAttribute(REQUEST);
        session.removeAttribute(NUMBER);
        session.removeAttribute(EXPIRES);
        Authentication complete = signIns.complete(user, true);
        signIns.establish(complete, request, response);
        logins.completed(user.accountId(), user.username(), user.agencyId(), factors);
    }

    /** The signed-in person of this request, if any. */
    public static KhlangUser current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof KhlangUser user ? user : null;
    }
}
