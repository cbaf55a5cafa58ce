package org.khlang.authenticator;

import java.time.Instant;
import java.util.Map;

/**
 * A request waiting for this device's decision: a login, the activation's first approval, or (later) an approval
 * of money. {@code display} holds what the person must see before deciding, in Thai and English.
 */
public record PendingRequest(String id, String kind, String nonce, boolean numberRequired, Instant expiresAt,
                             Map<String, Object> display, String contentSha256) {

    /** The display text in the given language ("th" or "en"), or an empty string. */
    public String text(String key) {
        Object value = display.get(key);
        return value == null ? "" : value.toString();
    }
}
