package org.khlang.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.khlang.audit.AuditEntry;
import org.khlang.audit.AuditLog;
import org.khlang.audit.AuditRecord;
import org.khlang.audit.ChainVerification;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

@Service
class JdbcAuditLog implements AuditLog {

    private static final int MAX_LATEST = 500;
    private static final String INSERT = """
            insert into audit_event (seq, occurred_at, actor, actor_account_id, device_id, agency_id, action, target,
                                     details, prev_hash, hash)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    /**
     * One event and the head moved to it in one statement (PostgreSQL's data-modifying WITH): a round trip less for
     * every command, as almost every command appends one event. H2 (development mode) has no such statement.
     */
    private static final String INSERT_AND_MOVE_HEAD = """
            with appended as (
                insert into audit_event (seq, occurred_at, actor, actor_account_id, device_id, agency_id, action,
                                         target, details, prev_hash, hash)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                returning seq, hash)
            update audit_head set seq = appended.seq, hash = appended.hash from appended where audit_head.id = 1""";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Counter appends;
    private final TransactionTemplate transactions;
    private final ChainVerifier verifier;
    /** Whether the database is PostgreSQL; found out on the first append. */
    private volatile Boolean postgres;

    JdbcAuditLog(JdbcTemplate jdbc, Clock clock, MeterRegistry meters, PlatformTransactionManager transactionManager,
                 ChainVerifier verifier) {
        this.jdbc = jdbc;
        this.verifier = verifier;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.appends = Counter.builder("khlang.audit.appends").description("Audit events appended").register(meters);
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRED)
    public long append(AuditEntry entry) {
        return appendAll(List.of(entry));
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRED)
    public long appendAll(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("nothing to append");
        }
        // The head row lock serialises appenders, so sequence numbers are gapless and each event names its
        // predecessor's hash. It is held to the end of the caller's transaction.
        Head head = jdbc.queryForObject("select seq, hash from audit_head where id = 1 for update",
                (rs, row) -> new Head(rs.getLong(1), rs.getString(2)));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        OffsetDateTime occurredAt = now.atOffset(ZoneOffset.UTC);
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
        ChainHasher hasher = new ChainHasher();
        long sequence = head.sequence();
        String previous = head.hash();
        List<Object[]> rows = new ArrayList<>(entries.size());
        for (AuditEntry entry : entries) {
            sequence++;
            String details = json.writeValueAsString(entry.details());
            String hash = hasher.hash(previous, sequence, micros, entry.actor(), entry.actorAccountId(),
                    entry.deviceId(), entry.agencyId(), entry.action(), entry.target(), details);
            rows.add(new Object[] {sequence, occurredAt, entry.actor(), entry.actorAccountId(), entry.deviceId(),
                    entry.agencyId(), entry.action(), entry.target(), details, previous, hash});
            previous = hash;
        }
        if (rows.size() == 1 && postgres()) {
            if (jdbc.update(INSERT_AND_MOVE_HEAD, rows.getFirst()) != 1) {
                throw new IllegalStateException("the audit head did not move to event " + sequence);
            }
        } else {
            jdbc.batchUpdate(INSERT, rows);
            jdbc.update("update audit_head set seq = ?, hash = ? where id = 1", sequence, previous);
        }
        appends.increment(entries.size());
        return sequence;
    }

    private boolean postgres() {
        Boolean known = postgres;
        if (known == null) {
            known = jdbc.execute((ConnectionCallback<Boolean>) connection ->
                    connection.isWrapperFor(PGConnection.class));
            postgres = known;
        }
        return known;
    }

    @Override
    public void appendRefusal(AuditEntry entry) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            transactions.executeWithoutResult(status -> appendAll(List.of(entry)));
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                transactions.executeWithoutResult(inner -> appendAll(List.of(entry)));
            }
        });
    }

    @Override
    public ChainVerification verify() {
        return verifier.verify();
    }

    @Override
    @Transactional(readOnly = true)
    public List<AuditRecord> latest(int limit) {
        int bounded = Math.max(1, Math.min(limit, MAX_LATEST));
        return jdbc.query("""
                select seq, occurred_at, actor, actor_account_id, device_id, agency_id, action, target, details,
                       prev_hash, hash
                from audit_event order by seq desc fetch first ? rows only""", (rs, row) -> new AuditRecord(
                rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
                nullableLong(rs, 4), rs.getString(5), nullableLong(rs, 6), rs.getString(7), rs.getString(8),
                rs.getString(9), rs.getString(10), rs.getString(11)), bounded);
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private record Head(long sequence, String hash) {
    }
}
