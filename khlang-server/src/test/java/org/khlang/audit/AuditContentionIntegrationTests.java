package org.khlang.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Many threads appending at once, some rolling back: the chain stays gapless and every link verifies. */
@IntegrationTest
@Tag("R14")
class AuditContentionIntegrationTests {

    @Autowired
    AuditLog audit;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void concurrentAppendsAndRollbacksLeaveAGaplessIntactChain() throws Exception {
        long before = jdbc.queryForObject("select coalesce(max(seq), 0) from audit_event", Long.class);
        List<Callable<Integer>> workers = new ArrayList<>();
        for (int thread = 0; thread < 12; thread++) {
            int id = thread;
            workers.add(() -> {
                int kept = 0;
                for (int i = 0; i < 40; i++) {
                    boolean rollBack = (i + id) % 5 == 0;
                    transactions.executeWithoutResult(status -> {
                        audit.append(AuditEntry.of("test.contention").by("worker-" + id, null).with("i", 0).build());
                        if (rollBack) {
                            status.setRollbackOnly();
                        }
                    });
                    kept += rollBack ? 0 : 1;
                }
                return kept;
            });
        }
        int kept = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(12)) {
            for (Future<Integer> result : pool.invokeAll(workers)) {
                kept += result.get();
            }
        }
        long after = jdbc.queryForObject("select max(seq) from audit_event", Long.class);
        long rows = jdbc.queryForObject("select count(*) from audit_event where seq > ?", Long.class, before);
        assertThat(rows).isEqualTo(after - before);
        assertThat(jdbc.queryForObject("select count(*) from audit_event where seq > ? and action = 'test.contention'",
                Long.class, before)).isEqualTo(kept);
        assertThat(audit.verify()).isInstanceOf(ChainVerification.Intact.class);
    }
}
