package org.khlang.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.support.H2Databases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Development mode's H2 (PostgreSQL mode) takes the same migrations, and refuses to change audit events too. */
@Tag("R14")
class H2MigrationTests {

    @Test
    void theMigrationsRunOnH2AndTheAuditTableIsAppendOnly() throws SQLException {
        DataSource migrated = H2Databases.migrated("khlang-migrations");

        try (Connection connection = migrated.getConnection();
             Statement statement = connection.createStatement()) {
            var provinces = statement.executeQuery("select count(*) from province");
            provinces.next();
            assertThat(provinces.getInt(1)).isEqualTo(77);
            statement.execute("""
                    insert into audit_event (seq, occurred_at, actor, action, details, prev_hash, hash)
                    values (1, current_timestamp, 'x', 'test', '{}', '%s', '%s')""".formatted("0".repeat(64),
                    "1".repeat(64)));
            assertThatThrownBy(() -> statement.execute("update audit_event set actor = 'y' where seq = 1"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.execute("delete from audit_event where seq = 1"))
                    .hasMessageContaining("append-only");
            var chart = statement.executeQuery("select count(*) from gl_account");
            chart.next();
            assertThat(chart.getInt(1)).isPositive();
            statement.execute("set referential_integrity false");
            statement.execute("""
                    insert into journal_entry (id, agency_id, entry_date, posted_at, source, reference, description,
                                               total, line_count)
                    values (1, 1, current_date, current_timestamp, 'test', 'T-1', 'test', 5, 2)""");
            statement.execute("""
                    insert into journal_line (entry_id, line_no, gl_code, debit, credit)
                    values (1, 1, '5104010104', 5, 0), (1, 2, '2101010101', 0, 5)""");
            assertThatThrownBy(() -> statement.execute("delete from journal_line"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.execute("update journal_entry set total = 1"))
                    .hasMessageContaining("append-only");
            // Document numbers rely on PostgreSQL's "on conflict do nothing", which H2 understands in its mode.
            for (int i = 0; i < 2; i++) {
                statement.execute("insert into document_counter (agency_id, fiscal_year, kind, last_number)"
                        + " values (1, 2570, 'RECEIPT', 0) on conflict do nothing");
            }
            var holidays = statement.executeQuery("select count(*) from holiday");
            holidays.next();
            assertThat(holidays.getInt(1)).isGreaterThan(40);
        }
    }
}
