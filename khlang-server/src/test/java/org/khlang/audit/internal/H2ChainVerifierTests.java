package org.khlang.audit.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.audit.ChainVerification;
import org.khlang.support.H2Databases;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Development mode's H2 is read through plain JDBC, in ranges side by side like PostgreSQL. */
@Tag("R14")
class H2ChainVerifierTests {

    @Test
    void anIntactChainVerifiesAndAChangedEventIsNamed() {
        DriverManagerDataSource dataSource = H2Databases.migrated("khlang-chain");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        ChainHasher hasher = new ChainHasher();
        String previous = ChainHasher.GENESIS;
        Instant now = Instant.parse("2025-02-10T03:00:00Z");
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
        for (long seq = 1; seq <= 12; seq++) {
            String details = "{\"ชื่อ\":\"สมศรี " + seq + "\"}";
            String hash = hasher.hash(previous, seq, micros, "tester", seq % 2 == 0 ? null : seq, null, 7L,
                    "test.h2", "t:" + seq, details);
            jdbc.update("insert into audit_event values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", seq,
                    now.atOffset(ZoneOffset.UTC), "tester", seq % 2 == 0 ? null : seq, null, 7L, "test.h2",
                    "t:" + seq, details, previous, hash);
            previous = hash;
        }
        jdbc.update("update audit_head set seq = 12, hash = ? where id = 1", previous);

        assertThat(new ChainVerifier(dataSource, jdbc, 5, 2).verify())
                .isEqualTo(new ChainVerification.Intact(12, previous));

        // H2's trigger refuses the change; dropping it stands for someone who can change the database directly.
        jdbc.execute("drop trigger audit_event_no_update");
        jdbc.update("update audit_event set details = '{\"ชื่อ\":\"สมชาย\"}' where seq = 7");
        assertThat(new ChainVerifier(dataSource, jdbc, 5, 2).verify())
                .isEqualTo(new ChainVerification.Broken(6, 7, ChainVerification.Reason.HASH));
    }
}
