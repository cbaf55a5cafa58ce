package org.khlang.identity.internal;

import java.time.Duration;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.khlang.support.IntegrationTest;
import org.khlang.support.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class LoginThrottlePurgeIntegrationTests {

    @Autowired
    LoginThrottle throttle;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theHourlyPurgeForgetsFailuresOlderThanADayAndKeepsTheRest() {
        String username = "purge-" + System.nanoTime();
        jdbc.update("insert into login_failure (username, failed_at) values (?, ?)", username,
                clock.instant().minus(Duration.ofHours(25)).atOffset(ZoneOffset.UTC));
        jdbc.update("insert into login_failure (username, failed_at) values (?, ?)", username,
                clock.instant().minus(Duration.ofHours(23)).atOffset(ZoneOffset.UTC));

        assertThat(throttle.purge()).isPositive();

        assertThat(jdbc.queryForObject("select count(*) from login_failure where username = ?", Long.class, username))
                .isEqualTo(1);
    }
}
