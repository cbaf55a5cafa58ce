package org.khlang.proofing;

import org.khlang.shared.InvalidValueException;

/**
 * An identity assurance level as ETDA's digital-ID standard writes it: "1.1", "1.2", "1.3", "2.1", "2.2", "2.3",
 * "3". Compared by major, then minor level.
 */
public record AssuranceLevel(int major, int minor) implements Comparable<AssuranceLevel> {

    public static AssuranceLevel parse(String text) {
        if (text == null || !text.strip().matches("[1-3](\\.[1-3])?")) {
            throw new InvalidValueException("proofing.level.unknown", String.valueOf(text));
        }
        String[] parts = text.strip().split("\\.");
        return new AssuranceLevel(Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0);
    }

    public boolean atLeast(AssuranceLevel other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(AssuranceLevel other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return minor == 0 ? Integer.toString(major) : major + "." + minor;
    }
}
