package org.khlang.ledger.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.khlang.audit.AuditEntry;
import org.khlang.audit.AuditLog;
import org.khlang.audit.AuditRecord;
import org.khlang.audit.ChainVerification;
import org.khlang.ledger.JournalEntry;
import org.khlang.ledger.JournalLine;
import org.khlang.shared.Actor;
import org.khlang.support.H2Databases;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Development mode's H2 posts batches of entries too (generated keys of a JDBC batch, one per entry). */
class H2LedgerTests {

    @Test
    void postingABatchOnH2GivesEveryEntryItsOwnId() {
        DataSource data = H2Databases.migrated("khlang-ledger");
        JdbcTemplate template = new JdbcTemplate(data);
        template.update("set referential_integrity false");
        JdbcLedger ledger = new JdbcLedger(JdbcClient.create(data), template, new NoAudit(), Clock.systemUTC());

        List<JournalEntry> entries = List.of(entry("A", "10.00"), entry("B", "20.00"), entry("C", "30.00"));
        List<Long> ids = ledger.postAll(entries, Actor.SYSTEM);

        assertThat(ids).hasSize(3).doesNotHaveDuplicates();
        assertThat(template.queryForObject("select count(*) from journal_line", Long.class)).isEqualTo(6);
        assertThat(ledger.entry(ids.get(2)).orElseThrow().reference()).isEqualTo("C");
    }

    static JournalEntry entry(String reference, String amount) {
        BigDecimal value = new BigDecimal(amount);
        return new JournalEntry(1, LocalDate.of(2026, 11, 26), "test", reference, "h2",
                List.of(JournalLine.debit("5104010104", value), JournalLine.credit("2101010101", value)));
    }

    static final class NoAudit implements AuditLog {
        @Override
        public long append(AuditEntry entry) {
            return 0;
        }

        @Override
        public long appendAll(List<AuditEntry> entries) {
            return 0;
        }

        @Override
        public void appendRefusal(AuditEntry entry) {
        }

        @Override
        public ChainVerification verify() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<AuditRecord> latest(int limit) {
            return List.of();
        }
    }
}
