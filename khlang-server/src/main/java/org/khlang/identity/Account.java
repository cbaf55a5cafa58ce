package org.khlang.identity;

import java.time.Instant;

/** A user account: one per person. */
public record Account(long id, long personId, Username username, AccountState state, boolean mustChangePassword,
                      Instant passwordChangedAt, Instant issuedAt, Instant lastLoginAt, String legacyCredential) {
}
