package org.khlang.disbursement;

import java.time.Instant;

/** A file attached to a withdrawal request as evidence; its SHA-256 is part of what approval 1 signs. */
public record Attachment(long id, long withdrawalId, String fileName, String contentType, String sha256, int size,
                         Instant uploadedAt) {
}
