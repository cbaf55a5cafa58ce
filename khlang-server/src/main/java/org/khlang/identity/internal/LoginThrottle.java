package org.khlang.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.khlang.identity.IdentityProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Online guessing limits (AAL2): at most {@code maxFailuresPerHour} failures per username in any rolling hour,
 * and after {@code failuresBeforeDelay} failures in a row a wait that doubles with each further failure.
 * Keyed by the username as typed, whether or not it exists, so the limits say nothing about who has an account.
 */
@Component
class LoginThrottle {

    /** Whether a try may go ahead now. */
    sealed interface Verdict {
        /** It may; {@code afterFailures} when failures in a row are on record, which a success then clears. */
        record Allowed(boolean afterFailures) implements Verdict {
        }

        record Wait(Instant until) implements Verdict {
        }

        record HourlyLimit() implements Verdict {
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final IdentityProperties properties;

    LoginThrottle(JdbcClient jdbc, Clock clock, IdentityProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /** One statement, so one round trip and no transaction: it is on every sign-in's path. */
    Verdict check(String username) {
        Instant now = now();
        Limits limits = jdbc.sql("""
                        select (select count(*) from login_failure where username = ? and failed_at > ?),
                               (select next_allowed_at from login_throttle where username = ?)""")
                .params(username, at(now.minus(Duration.ofHours(1))), username)
                .query((rs, row) -> {
                    OffsetDateTime next = rs.getObject(2, OffsetDateTime.class);
                    return new Limits(rs.getLong(1), next == null ? null : next.toInstant());
                }).single();
        if (limits.lastHour() >= properties.maxFailuresPerHour()) {
            return new Verdict.HourlyLimit();
        }
        if (limits.nextAllowed() != null && now.isBefore(limits.nextAllowed())) {
            return new Verdict.Wait(limits.nextAllowed());
        }
        return new Verdict.Allowed(limits.nextAllowed() != null);
    }

    private record Limits(long lastHour, Instant nextAllowed) {
    }

    /** Records a failure; runs in its own transaction so that it stays recorded whatever the caller does. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void failed(String username) {
        Instant now = now();
        jdbc.sql("insert into login_failure (username, failed_at) values (?, ?)").params(username, at(now)).update();
        int consecutive = jdbc.sql("select consecutive_failures from login_throttle where username = ? for update")
                .param(username).query(Integer.class).optional().orElse(0) + 1;
        Instant nextAllowed = now.plus(delay(consecutive));
        int updated = jdbc.sql("update login_throttle set consecutive_failures = ?, next_allowed_at = ? where username = ?")
                .params(consecutive, at(nextAllowed), username).update();
        if (updated == 0) {
            try {
                jdbc.sql("insert into login_throttle (username, consecutive_failures, next_allowed_at) values (?, ?, ?)")
                        .params(username, consecutive, at(nextAllowed)).update();
            } catch (org.springframework.dao.DuplicateKeyException concurrentFirstFailure) {
                jdbc.sql("update login_throttle set consecutive_failures = consecutive_failures + 1,"
                        + " next_allowed_at = ? where username = ?").params(at(nextAllowed), username).update();
            }
        }
    }

    /**
     * A right password clears the failures in a row on record. Callers skip it when {@code check} found none
     * ({@link Verdict.Allowed#afterFailures()}): nothing to clear, no statement. A failure recorded by a concurrent
     * try meanwhile then stays, as it happened.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void succeeded(String username) {
        jdbc.sql("delete from login_throttle where username = ?").param(username).update();
    }

    /** No wait for the first failures; then 1 s, 2 s, 4 s ... up to {@code maxDelaySeconds}. */
    Duration delay(int consecutiveFailures) {
        int over = consecutiveFailures - properties.failuresBeforeDelay();
        if (over < 0) {
            return Duration.ZERO;
        }
        long seconds = over >= 30 ? Long.MAX_VALUE : 1L << over;
        return Duration.ofSeconds(Math.min(seconds, properties.maxDelaySeconds()));
    }

    /** Forgets failures older than a day; the hourly window needs no more. Runs every hour. */
    @Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT1H")
    @Transactional
    int purge() {
        return jdbc.sql("delete from login_failure where failed_at < ?")
                .param(at(clock.instant().minus(Duration.ofDays(1)))).update();
    }

    /** The database keeps microseconds; so does the throttle, so a stored instant compares as it was meant. */
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
