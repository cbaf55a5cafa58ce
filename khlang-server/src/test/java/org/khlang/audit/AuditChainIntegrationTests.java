package org.khlang.audit;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
@Tag("R14")
class AuditChainIntegrationTests {

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void appendedEventsFormAnIntactChain() {
        long first = audit.append(entry("test.first"));
        long last = audit.appendAll(List.of(entry("test.second"), entry("test.third")));

        assertThat(last).isEqualTo(first + 2);
        assertThat(audit.verify()).isInstanceOf(ChainVerification.Intact.class);
        List<AuditRecord> latest = audit.latest(3);
        assertThat(latest).extracting(AuditRecord::action).containsExactly("test.third", "test.second", "test.first");
        assertThat(latest.get(0).previousHash()).isEqualTo(latest.get(1).hash());
    }

    @Test
    void aSingleEventMovesTheHeadInTheSameStatement() {
        // On PostgreSQL one event and the head's move are one statement; the head must name exactly that event.
        long first = audit.append(entry("test.head.one"));
        long second = audit.append(entry("test.head.two"));

        assertThat(second).isEqualTo(first + 1);
        assertThat(jdbc.queryForObject("select prev_hash from audit_event where seq = ?", String.class, second))
                .isEqualTo(jdbc.queryForObject("select hash from audit_event where seq = ?", String.class, first));
        // The head names an event that exists, with that event's hash (robust to a scheduled job appending meanwhile).
        assertThat(jdbc.queryForObject("select h.seq from audit_head h join audit_event e on e.seq = h.seq"
                + " and e.hash = h.hash where h.id = 1", Long.class)).isGreaterThanOrEqualTo(second);
        assertThat(audit.verify()).isInstanceOf(ChainVerification.Intact.class);
    }

    @Test
    void databaseRefusesToUpdateOrDeleteAnEvent() {
        long sequence = audit.append(entry("test.immutable"));

        assertThatThrownBy(() -> jdbc.update("update audit_event set actor = 'mallory' where seq = ?", sequence))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from audit_event where seq = ?", sequence))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("truncate audit_event"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThat(audit.verify()).isInstanceOf(ChainVerification.Intact.class);
    }

    @Test
    void verificationNamesTheSequenceNumberOfATamperedEvent() {
        long tampered = audit.append(entry("test.tamper.target"));
        audit.append(entry("test.tamper.after"));
        String original = jdbc.queryForObject("select details from audit_event where seq = ?", String.class, tampered);

        // Someone who switches the triggers off can still change a row; the chain gives it away.
        bypassingTriggers("update audit_event set details = '{\"amount\":\"1000000.00\"}' where seq = " + tampered);
        try {
            ChainVerification verification = audit.verify();
            assertThat(verification).isInstanceOfSatisfying(ChainVerification.Broken.class, broken -> {
                assertThat(broken.sequence()).isEqualTo(tampered);
                assertThat(broken.reason()).isEqualTo(ChainVerification.Reason.HASH);
                assertThat(broken.eventsChecked()).isEqualTo(tampered - 1);
            });
        } finally {
            bypassingTriggers("update audit_event set details = '" + original.replace("'", "''")
                    + "' where seq = " + tampered);
        }
        assertThat(audit.verify()).isInstanceOf(ChainVerification.Intact.class);
    }

    @Test
    void verificationFindsARewrittenLinkAndADeletedEvent() {
        long first = audit.append(entry("test.link.a"));
        long second = audit.append(entry("test.link.b"));
        String[] row = jdbc.queryForObject("select prev_hash, hash from audit_event where seq = ?",
                (rs, n) -> new String[] {rs.getString(1), rs.getString(2)}, second);

        bypassingTriggers("update audit_event set prev_hash = '" + "f".repeat(64) + "' where seq = " + second);
        try {
            assertThat(audit.verify()).isInstanceOfSatisfying(ChainVerification.Broken.class, broken -> {
                assertThat(broken.sequence()).isEqualTo(second);
                assertThat(broken.reason()).isEqualTo(ChainVerification.Reason.PREVIOUS_HASH);
            });
        } finally {
            bypassingTriggers("update audit_event set prev_hash = '" + row[0] + "' where seq = " + second);
        }

        List<Object> copy = jdbc.queryForObject("select * from audit_event where seq = ?", (rs, n) -> {
            java.util.ArrayList<Object> values = new java.util.ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                values.add(rs.getObject(i));
            }
            return values;
        }, first);
        bypassingTriggers("delete from audit_event where seq = " + first);
        try {
            assertThat(audit.verify()).isInstanceOfSatisfying(ChainVerification.Broken.class, broken -> {
                assertThat(broken.sequence()).isEqualTo(first);
                assertThat(broken.reason()).isEqualTo(ChainVerification.Reason.GAP);
            });
        } finally {
            transactions.executeWithoutResult(status -> {
                jdbc.update("insert into audit_event values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", copy.toArray());
            });
        }
        assertThat(audit.verify()).isInstanceOf(ChainVerification.Intact.class);
    }

    @Test
    void anEventRolledBackWithItsCommandLeavesNoGap() {
        long before = audit.append(entry("test.before.rollback"));
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            audit.append(entry("test.rolled.back"));
            throw new IllegalStateException("the command failed");
        })).isInstanceOf(IllegalStateException.class);
        long after = audit.append(entry("test.after.rollback"));

        assertThat(after).isEqualTo(before + 1);
        assertThat(audit.verify()).isInstanceOf(ChainVerification.Intact.class);
    }

    /**
     * The table's owner can switch its triggers off (production runs the application as a role that owns no
     * tables, see docs/operations.md); the chain still gives the change away.
     */
    private void bypassingTriggers(String sql) {
        transactions.executeWithoutResult(status -> {
            jdbc.execute("alter table audit_event disable trigger user");
            jdbc.execute(sql);
            jdbc.execute("alter table audit_event enable trigger user");
        });
    }

    private static AuditEntry entry(String action) {
        return AuditEntry.of(action).by("tester", null).target("test:1").with("amount", "100.00")
                .with("ชื่อ", "สมศรี").build();
    }
}
