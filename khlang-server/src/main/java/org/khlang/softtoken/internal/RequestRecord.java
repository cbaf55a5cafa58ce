package org.khlang.softtoken.internal;

import java.time.Instant;

import org.khlang.softtoken.RequestState;

/** An approval_request row. */
record RequestRecord(String id, long accountId, String deviceId, String kind, String nonce, Integer number,
                     String display, RequestState state, String outcome, int attempts, Instant createdAt,
                     Instant expiresAt, String contentSha256) {

    boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
