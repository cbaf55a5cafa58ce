package org.khlang.softtoken;

import java.time.Instant;

/**
 * A one-time activation code, shown once as text and QR code. Only its SHA-256 is stored.
 *
 * @param code the code as the person types it, e.g. {@code K7QF-M2XD-9PTA-WC4H}
 */
public record ActivationCode(String code, Instant expiresAt) {

    @Override
    public String toString() {
        return "ActivationCode[expires " + expiresAt + "]";
    }
}
