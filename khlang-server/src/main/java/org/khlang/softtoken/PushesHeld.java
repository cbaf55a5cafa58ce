package org.khlang.softtoken;

import java.time.Instant;

/**
 * Published when wrong secrets paused or locked a person's sign-in pushes, for the notices to the person and to the
 * Contact Center.
 *
 * @param pausedUntil the end of a pause; null when the pushes are locked
 */
public record PushesHeld(long accountId, String username, int consecutiveFailures, Instant pausedUntil) {

    public boolean locked() {
        return pausedUntil == null;
    }
}
