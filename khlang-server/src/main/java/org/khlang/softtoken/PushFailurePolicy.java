package org.khlang.softtoken;

import java.time.Duration;
import java.time.Instant;

/**
 * What consecutive wrong secrets do to a person's sign-in pushes (NIST SP 800-63B-4 §3.2.2, rate limiting; ASVS 5.0
 * 6.6.3 and 6.6.4, push bombing). The count is per account, not per request: a new push does not reset it (§3.1.3.2),
 * only a sign-in the phone or an offline code proved does.
 * <ul>
 *   <li>at every {@code pauseEvery}-th failure in a row (10, 20, ... 90) new pushes pause for {@code pause};</li>
 *   <li>at {@code lockAt} (100, NIST's ceiling) pushes are locked until a registrar or the Contact Center unlocks
 *   them.</li>
 * </ul>
 */
public record PushFailurePolicy(int pauseEvery, Duration pause, int lockAt) {

    public PushFailurePolicy {
        if (pauseEvery < 1 || lockAt < pauseEvery || lockAt > 100) {
            throw new IllegalArgumentException("push failures: pause every " + pauseEvery + ", lock at " + lockAt
                    + "; need 1 <= pause-every <= lock-at <= 100 (NIST SP 800-63B-4 3.2.2)");
        }
        if (pause.isNegative() || pause.isZero()) {
            throw new IllegalArgumentException("push failures: the pause must be positive, was " + pause);
        }
    }

    /** What the {@code consecutive}-th failure in a row, counted at {@code now}, causes. */
    public Consequence after(int consecutive, Instant now) {
        if (consecutive >= lockAt) {
            return new Consequence.Lock();
        }
        if (consecutive > 0 && consecutive % pauseEvery == 0) {
            return new Consequence.Pause(now.plus(pause));
        }
        return new Consequence.None();
    }

    /** The outcome of one more failure. */
    public sealed interface Consequence {

        /** Nothing beyond the failed request ending. */
        record None() implements Consequence {
        }

        /** New pushes wait until {@code until}. */
        record Pause(Instant until) implements Consequence {
        }

        /** New pushes are refused until someone unlocks them. */
        record Lock() implements Consequence {
        }
    }
}
