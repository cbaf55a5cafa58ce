package org.khlang.disbursement;

import java.time.Instant;

/**
 * The re-verification of one approval (design.md 4.4): whether the signature is the approver's phone's, over the
 * content hash recorded, and whether the document still hashes to it.
 */
public record ApprovalCheck(String kind, long approverAccountId, String deviceId, Instant signedAt,
                            String recordedSha256, String currentSha256, boolean signatureValid,
                            boolean contentUnchanged) {

    public boolean valid() {
        return signatureValid && contentUnchanged;
    }
}
