package org.khlang.softtoken;

import java.time.Instant;

/** The outcome of asking the phone to confirm a login. */
public sealed interface LoginStart {

    /** The request is waiting on the phone; the browser shows {@code number}. */
    record Started(String requestId, int number, Instant expiresAt) implements LoginStart {

        /** The number as shown: always two digits, 00 to 99. */
        public String shownNumber() {
            return String.format("%02d", number);
        }
    }

    /** Too many login requests lately (push fatigue); try again after {@code retryAfter}. */
    record TooManyRequests(Instant retryAfter) implements LoginStart {
    }

    /** The person has no active device. */
    record NoDevice() implements LoginStart {
    }
}
