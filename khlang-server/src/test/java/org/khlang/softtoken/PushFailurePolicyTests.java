package org.khlang.softtoken;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** NIST SP 800-63B-4 §3.2.2 as Khlang applies it to wrong sign-in secrets, without Spring. */
@Tag("AAL2")
class PushFailurePolicyTests {

    private static final Instant NOW = Instant.parse("2026-02-10T02:00:00Z");
    private final PushFailurePolicy policy = new PushFailurePolicy(10, Duration.ofMinutes(15), 100);

    @Test
    void everyTenthFailureInARowPausesForFifteenMinutesAndTheHundredthLocks() {
        for (int failures = 1; failures < 100; failures++) {
            PushFailurePolicy.Consequence consequence = policy.after(failures, NOW);
            if (failures % 10 == 0) {
                assertThat(consequence).as("failure %d", failures)
                        .isEqualTo(new PushFailurePolicy.Consequence.Pause(NOW.plus(Duration.ofMinutes(15))));
            } else {
                assertThat(consequence).as("failure %d", failures).isEqualTo(new PushFailurePolicy.Consequence.None());
            }
        }
        assertThat(policy.after(100, NOW)).isEqualTo(new PushFailurePolicy.Consequence.Lock());
        assertThat(policy.after(101, NOW)).isEqualTo(new PushFailurePolicy.Consequence.Lock());
    }

    @Test
    void aPolicyBeyondNistsCeilingOrWithoutAPauseIsRefused() {
        assertThatThrownBy(() -> new PushFailurePolicy(10, Duration.ofMinutes(15), 101))
                .hasMessageContaining("lock-at <= 100");
        assertThatThrownBy(() -> new PushFailurePolicy(0, Duration.ofMinutes(15), 100))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PushFailurePolicy(10, Duration.ZERO, 100))
                .hasMessageContaining("pause must be positive");
    }

    @Test
    void theSignInSecretLivesTwoMinutesAtMost() {
        assertThatThrownBy(() -> properties(Duration.ofMinutes(3))).hasMessageContaining("login-ttl")
                .hasMessageContaining("PT2M");
        assertThat(properties(Duration.ofMinutes(2)).loginTtl()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aSecretHasSixDigitsAndIsShownWithItsLeadingZeros() {
        assertThat(new LoginStart.Started("r", 42, NOW).shownNumber()).isEqualTo("000042");
        assertThat(new LoginStart.Started("r", 999_999, NOW).shownNumber()).isEqualTo("999999");
        assertThatThrownBy(() -> new LoginStart.Started("r", 1_000_000, NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoginStart.Started("r", -1, NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    private static SoftTokenProperties properties(Duration loginTtl) {
        return new SoftTokenProperties(Duration.ofMinutes(10), loginTtl, Duration.ofMinutes(5), 5,
                Duration.ofMinutes(10), Duration.ofSeconds(60), true, null, false, LocalDate.of(2025, 2, 10),
                LocalDate.of(2025, 4, 11), LocalDate.of(2025, 1, 6), 10, Duration.ofMinutes(15), 100);
    }
}
