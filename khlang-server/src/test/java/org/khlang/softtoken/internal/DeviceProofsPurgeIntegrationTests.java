package org.khlang.softtoken.internal;

import java.time.Duration;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.khlang.support.IntegrationTest;
import org.khlang.support.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class DeviceProofsPurgeIntegrationTests {

    @Autowired
    DeviceProofs proofs;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theHourlyPurgeForgetsOnlyProofIdsThatCanNoLongerBeReplayed() {
        String expired = "expired-" + System.nanoTime();
        String live = "live-" + System.nanoTime();
        jdbc.update("insert into device_proof_jti (jti, expires_at) values (?, ?)", expired,
                clock.instant().minus(Duration.ofMinutes(1)).atOffset(ZoneOffset.UTC));
        jdbc.update("insert into device_proof_jti (jti, expires_at) values (?, ?)", live,
                clock.instant().plus(Duration.ofMinutes(5)).atOffset(ZoneOffset.UTC));

        assertThat(proofs.purge()).isPositive();

        assertThat(jdbc.queryForList("select jti from device_proof_jti where jti in (?, ?)", String.class, expired, live))
                .containsExactly(live);
    }
}
