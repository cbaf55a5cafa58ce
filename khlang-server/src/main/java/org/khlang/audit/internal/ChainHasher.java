package org.khlang.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code hash = SHA-256(previous hash ‖ canonical encoding of the whole event)}.
 *
 * <p>The canonical encoding writes every field, in a fixed order, as its UTF-8 byte length, a colon,
 * the bytes and a semicolon ({@code -1:;} for an absent value). Length prefixes make the encoding
 * unambiguous: no choice of field values can make two different events encode alike.
 */
final class ChainHasher {

    static final String GENESIS = "0".repeat(64);
    private static final HexFormat HEX = HexFormat.of();

    private final MessageDigest digest;
    private final StringBuilder buffer = new StringBuilder(512);

    ChainHasher() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", impossible);
        }
    }

    /** Not thread-safe: one hasher per append or verification. */
    String hash(String previousHash, long sequence, long occurredAtMicros, String actor, Long actorAccountId,
                String deviceId, Long agencyId, String action, String target, String details) {
        buffer.setLength(0);
        field(Long.toString(sequence));
        field(Long.toString(occurredAtMicros));
        field(actor);
        field(actorAccountId == null ? null : actorAccountId.toString());
        field(deviceId);
        field(agencyId == null ? null : agencyId.toString());
        field(action);
        field(target);
        field(details);
        digest.reset();
        digest.update(previousHash.getBytes(StandardCharsets.US_ASCII));
        digest.update(buffer.toString().getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(digest.digest());
    }

    private void field(String value) {
        if (value == null) {
            buffer.append("-1:;");
            return;
        }
        buffer.append(utf8Length(value)).append(':').append(value).append(';');
    }

    private static int utf8Length(String value) {
        int length = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
