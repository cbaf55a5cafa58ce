package org.khlang.softtoken;

import java.util.Optional;

import org.khlang.shared.Actor;

/** The Soft Token, as the rest of Khlang uses it. */
public interface SoftTokens {

    /** The person's active device, if any. Once there is one, password-only login is impossible (R16). */
    Optional<Device> activeDevice(long accountId);

    /**
     * A one-time activation code for binding a phone (DESIGN.md 4.1), once identity is proven (R7) and within
     * the registration window (R16). Any earlier unused code of the person stops working.
     */
    ActivationCode issueActivationCode(long accountId, Actor actor);

    /** Creates a login request for the phone, with a number to match (DESIGN.md 4.2). */
    LoginStart startLogin(long accountId, BrowserInfo browser);

    /** The state of the person's login request. */
    RequestState loginState(String requestId, long accountId);

    /** Marks an approved login as used by one browser session; false if it was not approved or already used. */
    boolean consumeLogin(String requestId, long accountId);

    /** Checks an offline code (RFC 6238); each code is accepted once. */
    boolean acceptOfflineCode(long accountId, String code, String pendingRequestId);

    /** Suspends the person's device at once: pending requests end, sessions end (R12, DESIGN.md 4.3). */
    Optional<Device> suspend(long accountId, String reason, Actor actor);
}
