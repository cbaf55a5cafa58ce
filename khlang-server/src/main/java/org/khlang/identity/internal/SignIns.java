package org.khlang.identity.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.khlang.authority.Right;
import org.khlang.identity.KhlangUser;
import org.khlang.softtoken.SoftTokenProperties;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * What a session may do, by the factors it has shown. A password alone signs in only people without a Soft Token,
 * and never with the rights that move money (R5, R6); once a person has a Soft Token, the password only opens the
 * wait for the phone (R16).
 */
@Component
public class SignIns {

    /** A complete sign-in: every page the person's rights allow. */
    public static final String SIGNED_IN = "SIGNED_IN";
    /** The password was right; the phone has yet to confirm. */
    public static final String SECOND_FACTOR_PENDING = "SECOND_FACTOR_PENDING";
    public static final String FACTOR_PASSWORD = "FACTOR_PASSWORD";
    public static final String FACTOR_SOFT_TOKEN = "FACTOR_SOFT_TOKEN";
    public static final String FACTOR_PASSKEY = "FACTOR_PASSKEY";
    /** Holds staff rights that need a passkey (phishing-resistant, NIST SP 800-63B-4), which this session did not use. */
    public static final String PASSKEY_REQUIRED = "PASSKEY_REQUIRED";
    /** Lost the only passkey the policy requires; signs in with the phone alone until a registrar approves a new one. */
    public static final String PASSKEY_REPLACEMENT = "PASSKEY_REPLACEMENT";
    /** Holds rights that need the Soft Token, which this session has not shown. */
    public static final String SOFT_TOKEN_REQUIRED = "SOFT_TOKEN_REQUIRED";
    /** Session attribute: when the sign-in completed (epoch milliseconds), for the absolute lifetime. */
    public static final String SIGNED_IN_AT = SignIns.class.getName() + ".signedInAt";

    private static final Set<Right> STAFF = EnumSet.of(Right.REGISTRAR, Right.HELPDESK, Right.SYSTEM_ADMIN,
            Right.INTERNAL_AUDITOR);

    private final SoftTokenProperties properties;
    private final java.time.Clock clock;
    private final PasskeyPolicy passkeys;
    private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    SignIns(SoftTokenProperties properties, java.time.Clock clock, PasskeyPolicy passkeys) {
        this.properties = properties;
        this.clock = clock;
        this.passkeys = passkeys;
    }

    /** Whether holding this right requires signing in with a passkey ({@link PasskeyPolicy}). */
    public boolean passkeyRequiredFor(Right right) {
        return passkeys.requiredFor(right);
    }

    /** Starts the absolute lifetime of a completed sign-in (AAL2: 12 hours). */
    public void markSignedIn(HttpServletRequest request) {
        request.getSession().setAttribute(SIGNED_IN_AT, clock.millis());
    }

    Authentication awaitingPhone(KhlangUser user) {
        return UsernamePasswordAuthenticationToken.authenticated(user, null,
                List.of(new SimpleGrantedAuthority(FACTOR_PASSWORD), new SimpleGrantedAuthority(SECOND_FACTOR_PENDING)));
    }

    /** The full sign-in without a passkey. */
    public Authentication complete(KhlangUser user, boolean softToken) {
        return complete(user, softToken, false);
    }

    /**
     * The full sign-in; rights that need the Soft Token are granted only when it was shown, and rights that need a
     * passkey only when one was used.
     */
    public Authentication complete(KhlangUser user, boolean softToken, boolean passkey) {
        return complete(user, softToken, passkey, false);
    }

    /**
     * The full sign-in of a person who may have lost the only passkey the policy requires of them
     * ({@code passkeyLost}): with the phone shown, those rights are granted on the phone alone, still AAL2 by
     * NIST SP 800-63B-4 (out-of-band), until the serving registrar approves a new passkey.
     */
    public Authentication complete(KhlangUser user, boolean softToken, boolean passkey, boolean passkeyLost) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority(SIGNED_IN));
        authorities.add(new SimpleGrantedAuthority(FACTOR_PASSWORD));
        if (softToken) {
            authorities.add(new SimpleGrantedAuthority(FACTOR_SOFT_TOKEN));
        }
        if (passkey) {
            authorities.add(new SimpleGrantedAuthority(FACTOR_PASSKEY));
        }
        boolean withheld = false;
        boolean passkeyMissing = false;
        for (String held : user.rights()) {
            Right right = Right.valueOf(held);
            boolean needsToken = !STAFF.contains(right) || properties.staffRequired();
            if (passkeyRequiredFor(right) && !passkey && !(passkeyLost && softToken)) {
                passkeyMissing = true;
            } else if (softToken || !needsToken) {
                authorities.add(new SimpleGrantedAuthority(right.authority()));
            } else {
                withheld = true;
            }
        }
        if (withheld) {
            authorities.add(new SimpleGrantedAuthority(SOFT_TOKEN_REQUIRED));
        }
        if (passkeyMissing) {
            authorities.add(new SimpleGrantedAuthority(PASSKEY_REQUIRED));
        }
        if (passkeyLost && !passkey) {
            authorities.add(new SimpleGrantedAuthority(PASSKEY_REPLACEMENT));
        }
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
    }

    /** Puts a completed sign-in into a fresh session id and starts its absolute lifetime. */
    public void establish(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        request.changeSessionId();
        markSignedIn(request);
        contexts.saveContext(context, request, response);
    }

    static boolean has(Authentication authentication, String authority) {
        return authentication != null && authentication.getAuthorities().stream()
                .anyMatch(granted -> authority.equals(granted.getAuthority()));
    }
}
