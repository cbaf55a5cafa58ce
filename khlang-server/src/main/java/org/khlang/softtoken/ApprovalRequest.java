package org.khlang.softtoken;

import java.time.Instant;

/**
 * A signing request waiting on the person's phone (design.md 4.4): the phone shows the display text and signs a
 * decision that names {@code contentSha256}, the SHA-256 of the canonical content being approved.
 */
public record ApprovalRequest(String id, String contentSha256, Instant expiresAt) {
}
