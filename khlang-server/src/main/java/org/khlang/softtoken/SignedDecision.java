package org.khlang.softtoken;

import java.time.Instant;

/**
 * A phone's signed decision, verified against the public key of the device that signed it: which person and device,
 * on which request, approving or denying which content hash, and when.
 */
public record SignedDecision(String deviceId, long accountId, String requestId, String decision,
                             String contentSha256, Instant signedAt) {

    public boolean approves(String sha256) {
        return "APPROVE".equals(decision) && sha256 != null && sha256.equals(contentSha256);
    }
}
