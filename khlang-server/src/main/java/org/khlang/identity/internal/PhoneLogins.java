package org.khlang.identity.internal;

import java.io.Serializable;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.khlang.identity.KhlangUser;
import org.khlang.softtoken.BrowserInfo;
import org.khlang.softtoken.LoginStart;
import org.khlang.softtoken.RequestState;
import org.khlang.softtoken.SoftTokens;
import org.khlang.softtoken.TokenHolder;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The second half of a login with a Soft Token (design.md 4.2): the browser shows a number and waits; the phone
 * approves; the browser's session then becomes a complete sign-in under a new session id.
 */
@Service
public class PhoneLogins {

    /**
     * The session attribute of the wait: one value, so that the session store writes and later deletes one row
     * and serialises one object (not three).
     */
    private static final String PENDING = PhoneLogins.class.getName() + ".pending";
    /** Request attribute: the phone was asked in this very request, so its request is pending (nothing to read). */
    private static final String ASKED_NOW = PhoneLogins.class.getName() + ".askedNow";

    /** Session attribute: the passkey of this sign-in was verified (its credential id). */
    public static final String PASSKEY_VERIFIED = PhoneLogins.class.getName() + ".passkey";

    private final SoftTokens softTokens;
    private final SignIns signIns;
    private final KhlangAuthenticationProvider logins;
    private final Passkeys passkeys;

    PhoneLogins(SoftTokens softTokens, SignIns signIns, KhlangAuthenticationProvider logins, Passkeys passkeys) {
        this.softTokens = softTokens;
        this.signIns = signIns;
        this.logins = logins;
        this.passkeys = passkeys;
    }

    /** Whether this sign-in must show a passkey before the phone is asked, and has not yet. */
    public boolean passkeyMissing(KhlangUser user, HttpServletRequest request) {
        return request.getSession().getAttribute(PASSKEY_VERIFIED) == null && passkeys.hasActive(user.accountId());
    }

    /**
     * Asks the phone. Empty when the request is waiting; otherwise why not, as the login page's query
     * ({@code error=pushLimit}, {@code error=pushPaused&until=...}, {@code error=pushLocked}); the caller then ends the
     * attempt.
     */
    public java.util.Optional<String> ask(KhlangUser user, HttpServletRequest request) {
        // A person with a passkey shows it first; the phone is asked only after it (passkey + phone, by policy).
        if (passkeyMissing(user, request)) {
            return java.util.Optional.of("passkey");
        }
        LoginStart start = softTokens.startLogin(
                new TokenHolder(user.accountId(), user.username(), user.nameTh(), user.agencyId()),
                new BrowserInfo(request.getRemoteAddr(), request.getHeader("User-Agent")));
        return switch (start) {
            case LoginStart.Started started -> {
                request.getSession().setAttribute(PENDING,
                        new Pending(started.requestId(), started.shownNumber(), started.expiresAt()));
                request.setAttribute(ASKED_NOW, Boolean.TRUE);
                yield java.util.Optional.empty();
            }
            case LoginStart.Paused paused -> java.util.Optional.of("error=pushPaused&until="
                    + java.net.URLEncoder.encode(paused.until().toString(), java.nio.charset.StandardCharsets.UTF_8));
            case LoginStart.Locked locked -> java.util.Optional.of("error=pushLocked");
            case LoginStart.TooManyRequests tooMany -> java.util.Optional.of("error=pushLimit");
            case LoginStart.NoDevice none -> java.util.Optional.of("error=pushLimit");
        };
    }

    /** The state for the page with the number; right after the ask (the password's answer) it is pending. */
    public RequestState state(KhlangUser user, HttpServletRequest request) {
        return request.getAttribute(ASKED_NOW) != null ? RequestState.PENDING : state(user, request.getSession());
    }

    public RequestState state(KhlangUser user, HttpSession session) {
        Pending pending = pending(session);
        return pending == null ? RequestState.CANCELLED : softTokens.loginState(pending.requestId(), user.accountId());
    }

    /** The wait of this session: the phone's request, the number the browser shows, its end; null when none. */
    public static Pending pending(HttpSession session) {
        return session.getAttribute(PENDING) instanceof Pending pending ? pending : null;
    }

    /** Completes the sign-in if the phone approved and this approval was not used yet. */
    @Transactional
    public boolean complete(KhlangUser user, HttpServletRequest request, HttpServletResponse response) {
        Pending pending = pending(request.getSession());
        if (pending == null || !softTokens.consumeLogin(pending.requestId(), user.accountId())) {
            return false;
        }
        finish(user, request, response, request.getSession().getAttribute(PASSKEY_VERIFIED) != null
                ? "PASSWORD+PASSKEY+SOFT_TOKEN" : "PASSWORD+SOFT_TOKEN");
        return true;
    }

    /** The offline code instead of the push (RFC 6238); each code works once. */
    @Transactional(noRollbackFor = org.khlang.shared.KhlangProblem.class)
    public boolean completeWithCode(KhlangUser user, String code, HttpServletRequest request,
                                    HttpServletResponse response) {
        Pending pending = pending(request.getSession());
        if (pending == null || !softTokens.acceptOfflineCode(user.accountId(), code, pending.requestId())
                || !softTokens.consumeLogin(pending.requestId(), user.accountId())) {
            return false;
        }
        finish(user, request, response, request.getSession().getAttribute(PASSKEY_VERIFIED) != null
                ? "PASSWORD+PASSKEY+OFFLINE_CODE" : "PASSWORD+OFFLINE_CODE");
        return true;
    }

    private void finish(KhlangUser user, HttpServletRequest request, HttpServletResponse response, String factors) {
        boolean passkey = request.getSession().getAttribute(PASSKEY_VERIFIED) != null;
        request.getSession().removeAttribute(PENDING);
        request.getSession().removeAttribute(PASSKEY_VERIFIED);
        // Only a holder of a right that requires a passkey can be in the lost-passkey state: no query for anyone else.
        boolean lost = !passkey && user.rights().stream().map(org.khlang.authority.Right::valueOf)
                .anyMatch(signIns::passkeyRequiredFor) && passkeys.lossOpen(user.accountId());
        Authentication complete = signIns.complete(user, true, passkey, lost);
        signIns.establish(complete, request, response);
        logins.completed(user.accountId(), user.username(), user.agencyId(), factors);
    }

    /** A wait for the phone, kept in the session: the request, the six-digit secret the browser shows. */
    public record Pending(String requestId, String number, Instant expiresAt) implements Serializable {
    }

    /** The signed-in person of this request, if any. */
    public static KhlangUser current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof KhlangUser user ? user : null;
    }
}
