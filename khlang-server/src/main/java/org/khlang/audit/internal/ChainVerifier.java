package org.khlang.audit.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.khlang.audit.ChainVerification;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Re-walks the audit chain up to its recorded head.
 *
 * <p>Each event's hash depends only on its own row and the previous hash stored in it, so the chain is cut into
 * ranges of sequence numbers that are checked side by side, each on its own connection; the ranges are then joined
 * by checking that every range's first event names the hash of the last event of the range before it. The result
 * is the same as one walk from the first event: the first broken link, and how many events were checked before it.
 *
 * <p>On PostgreSQL the rows are read with {@code COPY … TO STDOUT (FORMAT binary)} and hashed from the bytes the
 * database sends, without turning them into strings: reading the rows, not SHA-256, is what bounds verification.
 * Other databases (the H2 development database) are read through plain JDBC.
 *
 * <p>Events appended while the walk runs are after the head read at its start and are left for the next walk.
 */
@Component
class ChainVerifier {

    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L; // 2000-01-01T00:00:00Z
    private static final String COLUMNS = "seq, occurred_at, actor, actor_account_id, device_id, agency_id, action,"
            + " target, details, prev_hash, hash";

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final long rangeSize;
    private final int threads;

    ChainVerifier(DataSource dataSource, JdbcTemplate jdbc,
                  @Value("${khlang.audit.verify-range-size:50000}") long rangeSize,
                  @Value("${khlang.audit.verify-threads:0}") int threads) {
        if (rangeSize < 1) {
            throw new IllegalArgumentException("khlang.audit.verify-range-size must be at least 1");
        }
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.rangeSize = rangeSize;
        this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    ChainVerification verify() {
        record Head(long sequence, String hash) {
        }
        Head head = jdbc.queryForObject("select seq, hash from audit_head where id = 1",
                (rs, row) -> new Head(rs.getLong(1), rs.getString(2)));
        List<long[]> ranges = new ArrayList<>();
        for (long first = 1; first <= head.sequence(); first += rangeSize) {
            ranges.add(new long[] {first, Math.min(head.sequence(), first + rangeSize - 1)});
        }
        List<Walk> walks = walkAll(ranges, head.sequence());

        long checked = 0;
        byte[] previous = ChainHasher.GENESIS_BYTES;
        for (Walk walk : walks) {
            if (walk.firstPrevious != null && !Arrays.equals(walk.firstPrevious, previous)) {
                return new ChainVerification.Broken(checked, walk.first, ChainVerification.Reason.PREVIOUS_HASH);
            }
            if (walk.brokenAt > 0) {
                return new ChainVerification.Broken(checked + walk.checked, walk.brokenAt, walk.reason);
            }
            checked += walk.checked;
            previous = walk.lastHash;
        }
        if (!head.hash().equals(ChainHasher.hex(previous))) {
            return new ChainVerification.Broken(checked, head.sequence() + 1, ChainVerification.Reason.HEAD);
        }
        return new ChainVerification.Intact(checked, head.hash());
    }

    private List<Walk> walkAll(List<long[]> ranges, long headSequence) {
        if (ranges.isEmpty()) {
            return List.of();
        }
        boolean postgres = isPostgres();
        // A walk that breaks makes the ranges after it pointless: they are skipped.
        AtomicLong firstBreak = new AtomicLong(Long.MAX_VALUE);
        int parallel = Math.min(threads, ranges.size());
        if (parallel == 1) {
            List<Walk> walks = new ArrayList<>();
            for (long[] range : ranges) {
                walks.add(walk(range, headSequence, postgres, firstBreak));
            }
            return walks;
        }
        ExecutorService pool = Executors.newFixedThreadPool(parallel, Thread.ofPlatform().name("audit-verify-", 1)
                .daemon().factory());
        try {
            List<Future<Walk>> futures = new ArrayList<>();
            for (long[] range : ranges) {
                futures.add(pool.submit(() -> walk(range, headSequence, postgres, firstBreak)));
            }
            List<Walk> walks = new ArrayList<>();
            for (Future<Walk> future : futures) {
                walks.add(future.get());
            }
            return walks;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("audit chain verification interrupted", interrupted);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("audit chain verification failed", failed.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private Walk walk(long[] range, long headSequence, boolean postgres, AtomicLong firstBreak) {
        Walk walk = new Walk(range[0], range[1], range[1] == headSequence);
        if (range[0] > firstBreak.get()) {
            walk.skipped = true;
            return walk;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (postgres) {
                copy(connection, walk);
            } else {
                select(connection, walk);
            }
        } catch (SQLException failure) {
            throw new IllegalStateException("could not read the audit chain", failure);
        }
        walk.finish();
        if (walk.brokenAt > 0) {
            firstBreak.accumulateAndGet(walk.first, Math::min);
        }
        return walk;
    }

    private boolean isPostgres() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isWrapperFor(PGConnection.class);
        } catch (SQLException failure) {
            throw new IllegalStateException("could not reach the database", failure);
        }
    }

    /**
     * PostgreSQL's binary COPY: a header, then per row a field count and each field as its length and bytes. The
     * fields are hashed where they lie in the message the driver received.
     */
    private static void copy(Connection connection, Walk walk) throws SQLException {
        String sql = "copy (select " + COLUMNS + " from audit_event where seq between " + walk.first + " and "
                + walk.last + " order by seq) to stdout with (format binary)";
        // Rows in sequence order straight off the primary key's index: a sort, or a bitmap scan followed by one,
        // costs the database twice as much, and stale statistics can lead the planner to them.
        connection.setAutoCommit(false);
        try (Statement settings = connection.createStatement()) {
            settings.execute("set local enable_sort = off");
            settings.execute("set local enable_bitmapscan = off");
        }
        CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
        try {
            CopyMessages rows = new CopyMessages(copy);
            rows.header();
            ChainHasher hasher = walk.hasher;
            byte[] previous = new byte[64];
            while (rows.nextRow(11)) {
                long sequence = rows.int8();
                if (!walk.sequence(sequence)) {
                    break;
                }
                hasher.start(sequence, rows.int8() + POSTGRES_EPOCH_MICROS);
                rows.text(hasher); // actor
                rows.number(hasher); // actor_account_id
                rows.text(hasher); // device_id
                rows.number(hasher); // agency_id
                rows.text(hasher); // action
                rows.text(hasher); // target
                rows.text(hasher); // details
                int previousLength = rows.field();
                if (previousLength != 64) {
                    throw new SQLException("a stored previous hash is not 64 characters long");
                }
                System.arraycopy(rows.buffer, rows.position, previous, 0, 64);
                rows.skip(64);
                int hashLength = rows.field();
                if (hashLength != 64) {
                    throw new SQLException("a stored hash is not 64 characters long");
                }
                boolean intact = walk.link(sequence, previous, rows.buffer, rows.position);
                rows.skip(64);
                if (!intact) {
                    break;
                }
            }
            drain(copy);
        } finally {
            if (copy.isActive()) {
                drain(copy); // after a failure part-way through the stream
            }
            connection.rollback(); // read only; ends the settings with the transaction
            connection.setAutoCommit(true);
        }
    }

    /**
     * Reads the rest of the operation, so that the connection goes back to its pool ready for more. A walk that
     * stopped at a broken link reads at most the rest of its range; the driver's cancellation of a COPY is left
     * alone because it leaves the connection in a state that later statements trip over.
     */
    private static void drain(CopyOut copy) throws SQLException {
        while (copy.isActive() && copy.readFromCopy() != null) {
            // the remaining rows, the trailer and the command's completion
        }
    }

    private static void select(Connection connection, Walk walk) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select " + COLUMNS
                + " from audit_event where seq between ? and ? order by seq")) {
            statement.setLong(1, walk.first);
            statement.setLong(2, walk.last);
            statement.setFetchSize(10_000);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    long sequence = rs.getLong(1);
                    if (!walk.sequence(sequence)) {
                        return;
                    }
                    Instant occurredAt = rs.getObject(2, OffsetDateTime.class).toInstant();
                    ChainHasher hasher = walk.hasher;
                    hasher.start(sequence, ChronoUnit.MICROS.between(Instant.EPOCH, occurredAt));
                    text(hasher, rs.getString(3));
                    number(hasher, rs, 4);
                    text(hasher, rs.getString(5));
                    number(hasher, rs, 6);
                    text(hasher, rs.getString(7));
                    text(hasher, rs.getString(8));
                    text(hasher, rs.getString(9));
                    if (!walk.link(sequence, utf8(rs.getString(10)), utf8(rs.getString(11)), 0)) {
                        return;
                    }
                }
            }
        }
    }

    private static byte[] utf8(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private static void text(ChainHasher hasher, String value) {
        if (value == null) {
            hasher.absent();
        } else {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            hasher.text(bytes, 0, bytes.length);
        }
    }

    private static void number(ChainHasher hasher, ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        if (rs.wasNull()) {
            hasher.absent();
        } else {
            hasher.number(value);
        }
    }

    /** One range's walk: its first broken link, or how it starts and ends so that it can be joined to the others. */
    private static final class Walk {
        private final long first;
        private final long last;
        private final boolean tail;
        private final ChainHasher hasher = new ChainHasher();
        private long expected;
        private long checked;
        private byte[] previous;
        private byte[] firstPrevious;
        private byte[] lastHash;
        private long brokenAt;
        private ChainVerification.Reason reason;
        private boolean skipped;

        Walk(long first, long last, boolean tail) {
            this.first = first;
            this.last = last;
            this.tail = tail;
            this.expected = first;
            // The first range starts from the genesis hash; the others from whatever their first event names,
            // which the join then compares with the end of the range before.
            this.previous = first == 1 ? ChainHasher.GENESIS_BYTES : null;
        }

        /** Whether the next row carries the expected sequence number; a missing one is a gap. */
        boolean sequence(long sequence) {
            return sequence == expected || broken(expected, ChainVerification.Reason.GAP);
        }

        /**
         * Checks the row whose fields were just given to {@link #hasher}: it names the previous event's hash and its
         * own content hashes to the stored hash (64 bytes of {@code stored} at {@code offset}).
         */
        boolean link(long sequence, byte[] previousHash, byte[] stored, int offset) {
            if (previous == null) {
                firstPrevious = previousHash.clone();
            } else if (!Arrays.equals(previous, previousHash)) {
                return broken(sequence, ChainVerification.Reason.PREVIOUS_HASH);
            }
            byte[] computed = hasher.finish(previousHash, 0, previousHash.length);
            if (stored.length - offset < computed.length
                    || !Arrays.equals(computed, 0, computed.length, stored, offset, offset + computed.length)) {
                return broken(sequence, ChainVerification.Reason.HASH);
            }
            checked++;
            expected++;
            if (previous == null || previous == ChainHasher.GENESIS_BYTES) {
                previous = new byte[computed.length];
            }
            System.arraycopy(computed, 0, previous, 0, computed.length);
            return true;
        }

        void finish() {
            if (brokenAt == 0 && expected <= last) {
                // Events missing at the end of the range: a gap, or, at the end of the chain, a cut tail.
                broken(expected, tail ? ChainVerification.Reason.HEAD : ChainVerification.Reason.GAP);
            }
            lastHash = previous;
        }

        private boolean broken(long sequence, ChainVerification.Reason why) {
            brokenAt = sequence;
            reason = why;
            return false;
        }
    }

    /**
     * Reads PostgreSQL's binary COPY stream message by message. The server sends one message per row; should a row
     * ever span messages, they are joined, so every field read lies whole in {@link #buffer}.
     */
    private static final class CopyMessages {
        private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
        private final CopyOut copy;
        private byte[] buffer = new byte[0];
        private int position;

        CopyMessages(CopyOut copy) {
            this.copy = copy;
        }

        void header() throws SQLException {
            ensure(SIGNATURE.length + 8);
            if (!Arrays.equals(buffer, position, position + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
                throw new SQLException("not a binary COPY stream");
            }
            position += SIGNATURE.length + 4; // signature, flags
            int extension = int4();
            ensure(extension);
            position += extension;
        }

        /** Moves to the next row; {@code false} at the trailer or the end of the stream. */
        boolean nextRow(int columns) throws SQLException {
            if (!ensure(2)) {
                return false;
            }
            short count = (short) (((buffer[position] & 0xFF) << 8) | (buffer[position + 1] & 0xFF));
            position += 2;
            if (count == -1) {
                return false;
            }
            if (count != columns) {
                throw new SQLException("expected " + columns + " columns, got " + count);
            }
            return true;
        }

        long int8() throws SQLException {
            if (field() != 8) {
                throw new SQLException("expected an 8-byte integer");
            }
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (buffer[position + i] & 0xFF);
            }
            position += 8;
            return value;
        }

        /** A nullable bigint column, given to the hasher as its decimal digits. */
        void number(ChainHasher hasher) throws SQLException {
            int length = field();
            if (length == -1) {
                hasher.absent();
                return;
            }
            if (length != 8) {
                throw new SQLException("expected an 8-byte integer");
            }
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (buffer[position + i] & 0xFF);
            }
            position += 8;
            hasher.number(value);
        }

        /** A nullable text column, given to the hasher as its UTF-8 bytes. */
        void text(ChainHasher hasher) throws SQLException {
            int length = field();
            if (length == -1) {
                hasher.absent();
                return;
            }
            hasher.text(buffer, position, length);
            position += length;
        }

        /** Reads a field's length and makes sure its bytes are in the buffer; -1 for NULL. */
        int field() throws SQLException {
            int length = int4();
            if (length > 0) {
                mustHave(length);
            }
            return length;
        }

        void skip(int count) {
            position += count;
        }

        private int int4() throws SQLException {
            mustHave(4);
            int value = ((buffer[position] & 0xFF) << 24) | ((buffer[position + 1] & 0xFF) << 16)
                    | ((buffer[position + 2] & 0xFF) << 8) | (buffer[position + 3] & 0xFF);
            position += 4;
            return value;
        }

        private void mustHave(int count) throws SQLException {
            if (!ensure(count)) {
                throw new SQLException("the COPY stream ended early");
            }
        }

        private boolean ensure(int count) throws SQLException {
            while (buffer.length - position < count) {
                byte[] message = copy.readFromCopy();
                if (message == null) {
                    return false;
                }
                if (position == buffer.length) {
                    buffer = message;
                } else {
                    byte[] joined = Arrays.copyOfRange(buffer, position, buffer.length + message.length);
                    System.arraycopy(message, 0, joined, buffer.length - position, message.length);
                    buffer = joined;
                }
                position = 0;
            }
            return true;
        }
    }
}
