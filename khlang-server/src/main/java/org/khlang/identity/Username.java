package org.khlang.identity;

import java.util.Locale;

import org.khlang.shared.InvalidValueException;

/** A username: 3-64 characters of a-z, 0-9, dot, dash and underscore, compared without case. */
public record Username(String value) {

    public static final int MAX_LENGTH = 64;

    public Username {
        if (value == null) {
            throw new InvalidValueException("username.format");
        }
        value = normalise(value);
        if (!value.matches("[a-z0-9._-]{3,64}")) {
            throw new InvalidValueException("username.format");
        }
    }

    /** How a typed username is compared and throttled: trimmed, lower case, cut to the maximum length. */
    public static String normalise(String typed) {
        String value = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        return value.length() > MAX_LENGTH ? value.substring(0, MAX_LENGTH) : value;
    }

    @Override
    public String toString() {
        return value;
    }
}
