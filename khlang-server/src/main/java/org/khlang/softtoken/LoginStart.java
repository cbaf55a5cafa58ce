package org.khlang.softtoken;

import java.time.Instant;

/** The outcome of asking the phone to confirm a login. */
public sealed interface LoginStart {

    /**
     * The request is waiting on the phone; the browser shows {@code number}, the six-digit secret the person sends
     * back from the phone (NIST SP 800-63B-4 3.1.3.2: at least six decimal digits, from an approved generator).
     */
    record Started(String requestId, int number, Instant expiresAt) implements LoginStart {

        /** How many secrets there are: 000000 to 999999, about 20 bits (ASVS 5.0 6.5.4). */
        public static final int SECRETS = 1_000_000;

        public Started {
            if (number < 0 || number >= SECRETS) {
                throw new IllegalArgumentException("a sign-in secret has six digits, was " + number);
            }
        }

        /** The secret as typed: always six digits, leading zeros kept. */
        public String shownNumber() {
            return String.format("%06d", number);
        }
    }

    /** Too many login requests lately (push fatigue); try again after {@code retryAfter}. */
    record TooManyRequests(Instant retryAfter) implements LoginStart {
    }

    /** Wrong secrets in a row paused new pushes until {@code until} ({@link PushFailurePolicy}). */
    record Paused(Instant until) implements LoginStart {
    }

    /** Wrong secrets in a row locked the pushes until a registrar or the Contact Center unlocks them. */
    record Locked() implements LoginStart {
    }

    /** The person has no active device. */
    record NoDevice() implements LoginStart {
    }
}
