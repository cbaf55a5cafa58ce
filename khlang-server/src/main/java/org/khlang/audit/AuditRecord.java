package org.khlang.audit;

import java.time.Instant;

/** One stored event of the audit chain. */
public record AuditRecord(long sequence, Instant occurredAt, String actor, Long actorAccountId, String deviceId,
                          Long agencyId, String action, String target, String details, String previousHash,
                          String hash) {
}
