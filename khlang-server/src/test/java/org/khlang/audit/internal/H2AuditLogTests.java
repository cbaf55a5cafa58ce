package org.khlang.audit.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.audit.AuditEntry;
import org.khlang.audit.ChainVerification;
import org.khlang.support.H2Databases;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Development mode's H2 has no data-modifying WITH: there an event and the head's move are two statements. */
@Tag("R14")
class H2AuditLogTests {

    @Test
    void singleEventsAndBatchesChainOnH2() {
        DriverManagerDataSource dataSource = H2Databases.migrated("khlang-audit-log");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        DataSourceTransactionManager transactionManager = new DataSourceTransactionManager(dataSource);
        JdbcAuditLog audit = new JdbcAuditLog(jdbc, Clock.fixed(Instant.parse("2025-02-10T03:00:00Z"), ZoneOffset.UTC),
                new SimpleMeterRegistry(), transactionManager, new ChainVerifier(dataSource, jdbc, 5, 1));
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);

        long first = transactions.execute(status -> audit.append(entry("test.h2.one")));
        long second = transactions.execute(status -> audit.append(entry("test.h2.two")));
        long last = transactions.execute(status -> audit.appendAll(List.of(entry("test.h2.three"),
                entry("test.h2.four"))));

        assertThat(List.of(first, second, last)).containsExactly(first, first + 1, first + 3);
        String newest = jdbc.queryForObject("select hash from audit_event where seq = ?", String.class, last);
        assertThat(jdbc.queryForObject("select seq from audit_head where id = 1", Long.class)).isEqualTo(last);
        assertThat(jdbc.queryForObject("select hash from audit_head where id = 1", String.class)).isEqualTo(newest);
        assertThat(audit.verify()).isEqualTo(new ChainVerification.Intact(last, newest));
    }

    private static AuditEntry entry(String action) {
        return AuditEntry.of(action).by("tester", null).target("t:1").with("ชื่อ", "สมศรี").build();
    }
}
