package org.khlang.softtoken;

import java.time.Instant;

/**
 * A person's run of wrong secrets and what it holds back (see {@link PushFailurePolicy}): for the person's own
 * screens, the registrar and the Contact Center.
 *
 * @param consecutiveFailures wrong secrets in a row since the last proven sign-in
 * @param pausedUntil         pushes wait until then; null when not paused
 * @param lockedAt            pushes are locked since then until unlocked; null when not locked
 */
public record PushHold(long accountId, String username, int consecutiveFailures, Instant pausedUntil,
                       Instant lockedAt) {

    public boolean locked() {
        return lockedAt != null;
    }

    public boolean pausedAt(Instant now) {
        return pausedUntil != null && pausedUntil.isAfter(now);
    }
}
