package org.khlang.proofing;

import java.time.Instant;

/** A successful identity proofing: who vouched (provider and subject), at which assurance level, and when. */
public record ProofingResult(long accountId, String provider, String subject, AssuranceLevel level,
                             Instant proofedAt) {
}
