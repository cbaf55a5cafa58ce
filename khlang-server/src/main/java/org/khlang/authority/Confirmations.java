package org.khlang.authority;

import java.util.Map;
import java.util.Optional;

/**
 * Confirmation on the person's phone (design.md 4.4), as the authority module needs it; implemented by the Soft
 * Token module, which owns devices.
 */
public interface Confirmations {

    /** Sends a signing request to the person's phone; returns its id. Refused without an active Soft Token. */
    String ask(long accountId, String titleTh, String titleEn, Map<String, String> display, String contentSha256);

    /** PENDING, APPROVED, DENIED, EXPIRED, CANCELLED or CONSUMED. */
    String state(String confirmationId, long accountId);

    /** Uses the phone's approval once, if it was given over exactly this content; returns the signed decision. */
    Optional<String> consume(String confirmationId, long accountId, String contentSha256);
}
