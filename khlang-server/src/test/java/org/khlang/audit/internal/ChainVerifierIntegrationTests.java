package org.khlang.audit.internal;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.audit.AuditEntry;
import org.khlang.audit.AuditLog;
import org.khlang.audit.ChainVerification;
import org.khlang.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chain cut into ranges walked side by side (PostgreSQL's binary COPY, several connections) gives the same
 * answer as one walk from the first event, including breaks exactly at the joins between ranges.
 */
@IntegrationTest
@Tag("R14")
class ChainVerifierIntegrationTests {

    private static final int RANGE = 5;

    @Autowired
    AuditLog audit;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    private ChainVerifier ranged() {
        return new ChainVerifier(dataSource, jdbc, RANGE, 3);
    }

    private ChainVerifier single() {
        return new ChainVerifier(dataSource, jdbc, Long.MAX_VALUE / 4, 1);
    }

    @Test
    void rangesWalkedSideBySideAgreeWithOneWalk() {
        appendEvents(3 * RANGE + 2);

        ChainVerification ranged = ranged().verify();
        ChainVerification single = single().verify();

        assertThat(ranged).isInstanceOf(ChainVerification.Intact.class).isEqualTo(single);
        assertThat(ranged.eventsChecked()).isEqualTo(head());
        assertThat(((ChainVerification.Intact) ranged).headHash())
                .isEqualTo(jdbc.queryForObject("select hash from audit_head", String.class));
    }

    @Test
    void aChangedEventThatOpensARangeIsFound() {
        List<Long> sequences = appendEvents(2 * RANGE + 1);
        long tampered = firstOfARange(sequences);
        String original = jdbc.queryForObject("select details from audit_event where seq = ?", String.class, tampered);
        bypassingTriggers("update audit_event set details = '{\"amount\":\"9999999.00\"}' where seq = " + tampered);
        try {
            assertThat(ranged().verify()).isEqualTo(
                    new ChainVerification.Broken(tampered - 1, tampered, ChainVerification.Reason.HASH))
                    .isEqualTo(single().verify());
        } finally {
            bypassingTriggers("update audit_event set details = '" + original.replace("'", "''")
                    + "' where seq = " + tampered);
        }
        assertThat(ranged().verify()).isInstanceOf(ChainVerification.Intact.class);
    }

    @Test
    void aRewrittenLinkAtTheJoinOfTwoRangesIsFound() {
        List<Long> sequences = appendEvents(2 * RANGE + 1);
        long relinked = firstOfARange(sequences);
        String[] original = jdbc.queryForObject("select prev_hash, hash from audit_event where seq = ?",
                (rs, n) -> new String[] {rs.getString(1), rs.getString(2)}, relinked);
        // The event gets a hash that matches its own content and the new link: only the join can tell.
        String[] forged = forgedLink(relinked, "e".repeat(64));
        bypassingTriggers("update audit_event set prev_hash = '" + forged[0] + "', hash = '" + forged[1]
                + "' where seq = " + relinked);
        try {
            assertThat(ranged().verify()).isEqualTo(
                    new ChainVerification.Broken(relinked - 1, relinked, ChainVerification.Reason.PREVIOUS_HASH))
                    .isEqualTo(single().verify());
        } finally {
            bypassingTriggers("update audit_event set prev_hash = '" + original[0] + "', hash = '" + original[1]
                    + "' where seq = " + relinked);
        }
        assertThat(ranged().verify()).isInstanceOf(ChainVerification.Intact.class);
    }

    @Test
    void aDeletedEventAtTheEndOfARangeIsAGapAndACutTailIsAHeadMismatch() {
        List<Long> sequences = appendEvents(2 * RANGE + 1);
        long lastOfRange = firstOfARange(sequences) - 1;
        List<Object> copy = row(lastOfRange);
        bypassingTriggers("delete from audit_event where seq = " + lastOfRange);
        try {
            assertThat(ranged().verify()).isEqualTo(
                    new ChainVerification.Broken(lastOfRange - 1, lastOfRange, ChainVerification.Reason.GAP))
                    .isEqualTo(single().verify());
        } finally {
            transactions.executeWithoutResult(status -> jdbc.update(
                    "insert into audit_event values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", copy.toArray()));
        }

        long tail = head();
        List<Object> last = row(tail);
        bypassingTriggers("delete from audit_event where seq = " + tail);
        try {
            assertThat(ranged().verify()).isEqualTo(
                    new ChainVerification.Broken(tail - 1, tail, ChainVerification.Reason.HEAD))
                    .isEqualTo(single().verify());
        } finally {
            transactions.executeWithoutResult(status -> jdbc.update(
                    "insert into audit_event values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", last.toArray()));
        }
        assertThat(ranged().verify()).isInstanceOf(ChainVerification.Intact.class);
    }

    /** A sequence number in the list that starts a range of {@link #RANGE} events (ranges start at 1). */
    private static long firstOfARange(List<Long> sequences) {
        return sequences.stream().filter(seq -> (seq - 1) % RANGE == 0 && seq > sequences.getFirst()).findFirst()
                .orElseThrow();
    }

    /** The event's link replaced, and its hash recomputed over its unchanged content and the new link. */
    private String[] forgedLink(long sequence, String link) {
        return jdbc.queryForObject("""
                select seq, occurred_at, actor, actor_account_id, device_id, agency_id, action, target, details
                from audit_event where seq = ?""", (rs, n) -> {
            long micros = java.time.temporal.ChronoUnit.MICROS.between(java.time.Instant.EPOCH,
                    rs.getObject(2, java.time.OffsetDateTime.class).toInstant());
            Long account = (Long) rs.getObject(4);
            Long agency = (Long) rs.getObject(6);
            String hash = new ChainHasher().hash(link, rs.getLong(1), micros, rs.getString(3), account,
                    rs.getString(5), agency, rs.getString(7), rs.getString(8), rs.getString(9));
            return new String[] {link, hash};
        }, sequence);
    }

    private List<Object> row(long sequence) {
        return jdbc.queryForObject("select * from audit_event where seq = ?", (rs, n) -> {
            List<Object> values = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                values.add(rs.getObject(i));
            }
            return values;
        }, sequence);
    }

    private long head() {
        return jdbc.queryForObject("select seq from audit_head", Long.class);
    }

    private List<Long> appendEvents(int count) {
        List<Long> sequences = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sequences.add(audit.append(AuditEntry.of("test.ranges").by("tester", (long) i).agency((long) (i % 3))
                    .target("ร้านค้า:" + i).with("amount", i + ".50").with("note", "ก่อน\u200bหลัง เชิญ").build()));
        }
        return sequences;
    }

    private void bypassingTriggers(String sql) {
        transactions.executeWithoutResult(status -> {
            jdbc.execute("alter table audit_event disable trigger user");
            jdbc.execute(sql);
            jdbc.execute("alter table audit_event enable trigger user");
        });
    }
}
