package org.khlang.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * {@code hash = SHA-256(previous hash ‖ canonical encoding of the whole event)}.
 *
 * <p>The canonical encoding writes every field, in a fixed order, as its UTF-8 byte length, a colon,
 * the bytes and a semicolon ({@code -1:;} for an absent value). Length prefixes make the encoding
 * unambiguous: no choice of field values can make two different events encode alike.
 *
 * <p>The encoding works on bytes, so that the verifier can hash the column values exactly as the database sends
 * them, without decoding them into strings first; appends go through the same code.
 */
final class ChainHasher {

    static final String GENESIS = "0".repeat(64);
    static final byte[] GENESIS_BYTES = GENESIS.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ABSENT = "-1:;".getBytes(StandardCharsets.US_ASCII);

    private final MessageDigest digest;
    private final byte[] sum = new byte[32];
    private final byte[] hex = new byte[64];
    private byte[] buffer = new byte[1024];
    private int length;

    ChainHasher() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", impossible);
        }
    }

    /** Not thread-safe: one hasher per append or verification thread. */
    String hash(String previousHash, long sequence, long occurredAtMicros, String actor, Long actorAccountId,
                String deviceId, Long agencyId, String action, String target, String details) {
        byte[] result = hash(previousHash.getBytes(StandardCharsets.US_ASCII), sequence, occurredAtMicros,
                utf8(actor), actorAccountId == null ? null : utf8(actorAccountId.toString()), utf8(deviceId),
                agencyId == null ? null : utf8(agencyId.toString()), utf8(action), utf8(target), utf8(details));
        return new String(result, StandardCharsets.US_ASCII);
    }

    /**
     * The hash as 64 lower-case hexadecimal ASCII bytes, the way it is stored. Identifiers are passed as their
     * decimal digits, text as its UTF-8 bytes, {@code null} for an absent value. The returned array is reused by
     * the next call.
     */
    byte[] hash(byte[] previousHash, long sequence, long occurredAtMicros, byte[] actor, byte[] actorAccountId,
                byte[] deviceId, byte[] agencyId, byte[] action, byte[] target, byte[] details) {
        start(sequence, occurredAtMicros);
        field(actor);
        field(actorAccountId);
        field(deviceId);
        field(agencyId);
        field(action);
        field(target);
        field(details);
        return finish(previousHash, 0, previousHash.length);
    }

    /**
     * Starts an event's encoding with its sequence number and time; the text fields follow in their order with
     * {@link #text}, {@link #number} or {@link #absent}, and {@link #finish} gives the hash. This lets the verifier
     * feed column values straight from the database's buffers.
     */
    void start(long sequence, long occurredAtMicros) {
        length = 0;
        number(sequence);
        number(occurredAtMicros);
    }

    /** A text field from {@code length} UTF-8 bytes of {@code source} at {@code offset}. */
    void text(byte[] source, int offset, int count) {
        ensure(count + 16);
        appendInt(count);
        buffer[length++] = ':';
        System.arraycopy(source, offset, buffer, length, count);
        length += count;
        buffer[length++] = ';';
    }

    void absent() {
        append(ABSENT, ABSENT.length);
    }

    /** Hashes the previous hash ({@code count} ASCII bytes at {@code offset}) and the fields given since start. */
    byte[] finish(byte[] previousHash, int offset, int count) {
        digest.reset();
        digest.update(previousHash, offset, count);
        digest.update(buffer, 0, length);
        try {
            digest.digest(sum, 0, sum.length);
        } catch (DigestException impossible) {
            throw new IllegalStateException(impossible);
        }
        for (int i = 0; i < sum.length; i++) {
            hex[2 * i] = HEX_DIGITS[(sum[i] >> 4) & 0xF];
            hex[2 * i + 1] = HEX_DIGITS[sum[i] & 0xF];
        }
        return hex;
    }

    static String hex(byte[] hash) {
        return new String(hash, StandardCharsets.US_ASCII);
    }

    static byte[] copy(byte[] hash) {
        return Arrays.copyOf(hash, hash.length);
    }

    private static byte[] utf8(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    /** A number's decimal digits, as {@link Long#toString(long)} writes them, prefixed with their count. */
    void number(long value) {
        if (value == Long.MIN_VALUE) {
            field(decimal(value));
            return;
        }
        ensure(48);
        int digits = value < 0 ? 1 + digitCount(-value) : digitCount(value);
        appendInt(digits);
        buffer[length++] = ':';
        if (value < 0) {
            buffer[length++] = '-';
            value = -value;
        }
        int end = length + digitCount(value);
        for (int i = end - 1; i >= length; i--) {
            buffer[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length = end;
        buffer[length++] = ';';
    }

    private void field(byte[] value) {
        if (value == null) {
            absent();
        } else {
            text(value, 0, value.length);
        }
    }

    private static int digitCount(long value) {
        int count = 1;
        for (long bound = 10; count < 19 && value >= bound; bound *= 10) {
            count++;
        }
        return count;
    }

    /** A non-negative length's decimal digits. */
    private void appendInt(int value) {
        int end = length + digitCount(value);
        for (int i = end - 1; i >= length; i--) {
            buffer[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length = end;
    }

    private void append(byte[] bytes, int count) {
        ensure(count);
        System.arraycopy(bytes, 0, buffer, length, count);
        length += count;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }

    static byte[] decimal(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }
}
