package org.khlang.softtoken;

import java.util.Optional;

import org.khlang.shared.Actor;

/** The Soft Token, as the rest of Khlang uses it. */
public interface SoftTokens {

    /** The person's active device, if any. Once there is one, password-only login is impossible (R16). */
    Optional<Device> activeDevice(long accountId);

    /**
     * A one-time activation code for binding a phone (design.md 4.1), once identity is proven (R7) and within
     * the registration window (R16). Any earlier unused code of the person stops working.
     */
    ActivationCode issueActivationCode(long accountId, Actor actor);

    /**
     * Creates a login request for the phone, with a six-digit secret the browser shows and the phone sends back (design.md 4.2; NIST SP 800-63B-4
     * 3.1.3.2). Refused while wrong secrets hold the person's pushes back or too many were sent lately. The holder is the person whose
     * password was just checked, as the sign-in read them (their name is shown on the phone, their agency audited).
     */
    LoginStart startLogin(TokenHolder holder, BrowserInfo browser);

    /** The state of the person's login request. */
    RequestState loginState(String requestId, long accountId);

    /** Marks an approved login as used by one browser session; false if it was not approved or already used. */
    boolean consumeLogin(String requestId, long accountId);

    /** Checks an offline code (RFC 6238); each code is accepted once. */
    boolean acceptOfflineCode(long accountId, String code, String pendingRequestId);

    /**
     * Asks the person's phone to approve something (an order, a money document): the phone shows {@code display}
     * (Thai and English lines) and signs a decision over {@code contentSha256}. Refused without an active device.
     */
    ApprovalRequest requestApproval(long accountId, String titleTh, String titleEn,
                                    java.util.Map<String, String> display, String contentSha256);

    RequestState approvalState(String requestId, long accountId);

    /**
     * Uses an approval once: it must be the person's, APPROVED by their phone, and signed over exactly this content
     * hash. Returns the signed decision (a compact JWS) to keep with what was approved, for anyone to re-verify.
     */
    java.util.Optional<String> consumeApproval(String requestId, long accountId, String contentSha256);

    /** The person's run of wrong sign-in secrets and whether it pauses or locks their pushes; empty if none ever. */
    Optional<PushHold> pushHold(long accountId);

    /** Accounts whose pushes are locked or paused now, locked first: the Contact Center's list. */
    java.util.List<PushHold> heldPushes();

    /**
     * Ends a pause or lock of the person's pushes and their run of wrong secrets, for a registrar or the Contact
     * Center who checked who is calling (NIST SP 800-63B-4 3.2.2); audited with the reason. False if nothing was held.
     */
    boolean unlockPushes(long accountId, String reason, Actor actor);

    /** Suspends the person's device at once: pending requests end, sessions end (R12, design.md 4.3). */
    Optional<Device> suspend(long accountId, String reason, Actor actor);
}
