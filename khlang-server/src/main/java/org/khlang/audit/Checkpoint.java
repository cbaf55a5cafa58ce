package org.khlang.audit;

import java.time.Instant;

/**
 * A signed checkpoint of the audit chain: its head at {@code sequence} was {@code headHash}. {@code jws} is the
 * compact ES256 signature over {@code {"iss":"khlang","seq":…,"hash":…,"iat":…}}, verifiable with the published key.
 */
public record Checkpoint(long sequence, String headHash, Instant createdAt, String keyId, String jws) {
}
