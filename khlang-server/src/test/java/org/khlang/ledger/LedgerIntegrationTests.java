package org.khlang.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.authority.Agency;
import org.khlang.shared.Actor;
import org.khlang.shared.KhlangProblem;
import org.khlang.support.Fixtures;
import org.khlang.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
@Tag("R13")
class LedgerIntegrationTests {

    static final LocalDate DAY = LocalDate.of(2026, 3, 2);

    @Autowired
    Ledger ledger;

    @Autowired
    Fixtures fixtures;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    Agency agency;

    @BeforeEach
    void agency() {
        agency = fixtures.localAgency("30");
    }

    JournalEntry entry(LocalDate date, String reference, List<JournalLine> lines) {
        return new JournalEntry(agency.id(), date, "test", reference, "ทดสอบ", lines);
    }

    PostedEntry post(JournalEntry entry) {
        return transactions.execute(status -> ledger.post(entry, Actor.SYSTEM));
    }

    @Test
    void postsABalancedEntryAndTheTrialBalanceBalances() {
        PostedEntry posted = post(entry(DAY, "W-1", List.of(
                JournalLine.debit("5104010104", new BigDecimal("700.00")),
                JournalLine.debit("5104010107", new BigDecimal("300.50")),
                JournalLine.credit("2101010101", new BigDecimal("1000.50")))));
        post(entry(DAY.plusDays(1), "W-1", List.of(
                JournalLine.debit("2101010101", new BigDecimal("1000.50")),
                JournalLine.credit("2102040199", new BigDecimal("1000.50")))));

        assertThat(posted.total()).isEqualByComparingTo("1000.50");
        assertThat(ledger.entry(posted.id()).orElseThrow().lines()).hasSize(3);
        TrialBalance first = ledger.trialBalance(agency.id(), DAY);
        assertThat(first.balanced()).isTrue();
        assertThat(first.totalDebits()).isEqualByComparingTo("1000.50");
        TrialBalance second = ledger.trialBalance(agency.id(), DAY.plusDays(1));
        assertThat(second.balanced()).isTrue();
        assertThat(second.rows()).filteredOn(row -> row.account().code().equals("2101010101"))
                .singleElement().satisfies(row -> assertThat(row.balance()).isEqualByComparingTo("0"));
        assertThat(ledger.detail(agency.id(), "2101010101", DAY, DAY.plusDays(1)))
                .extracting(GlDetailLine::runningBalance).containsExactly(new BigDecimal("1000.50"),
                        new BigDecimal("0.00"));
    }

    @Test
    void refusesAnUnbalancedOneSidedOrUnknownAccountEntryAndWritesNothing() {
        long before = count();
        assertThatThrownBy(() -> post(entry(DAY, "W-2", List.of(
                JournalLine.debit("5104010104", new BigDecimal("100.00")),
                JournalLine.credit("2101010101", new BigDecimal("99.99"))))))
                .isInstanceOfSatisfying(KhlangProblem.class, p -> assertThat(p.code()).isEqualTo("ledger.unbalanced"));
        assertThatThrownBy(() -> post(entry(DAY, "W-2", List.of(
                JournalLine.debit("9999999999", new BigDecimal("100.00")),
                JournalLine.credit("2101010101", new BigDecimal("100.00"))))))
                .isInstanceOfSatisfying(KhlangProblem.class,
                        p -> assertThat(p.code()).isEqualTo("ledger.account.unknown"));
        assertThatThrownBy(() -> post(entry(DAY, "W-2", List.of(
                new JournalLine("5104010104", new BigDecimal("100.00"), new BigDecimal("100.00"), null),
                JournalLine.credit("2101010101", BigDecimal.ZERO)))))
                .isInstanceOfSatisfying(KhlangProblem.class, p -> assertThat(p.code()).isEqualTo("ledger.line.oneSide"));
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void theDatabaseItselfRefusesAnEntryThatDoesNotBalanceAtCommit() {
        long before = count();
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            Long id = jdbc.queryForObject("insert into journal_entry (agency_id, entry_date, posted_at, source,"
                    + " reference, description, total, line_count) values (?, ?, now(), 'raw', 'raw', 'raw', 100, 2)"
                    + " returning id", Long.class, agency.id(), DAY);
            jdbc.update("insert into journal_line (entry_id, line_no, gl_code, debit, credit) values"
                    + " (?, 1, '5104010104', 100, 0), (?, 2, '2101010101', 0, 90)", id, id);
        })).rootCause().hasMessageContaining("does not balance");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void postedEntriesCannotBeChangedRemovedOrExtendedOnlyReversedOnce() {
        PostedEntry posted = post(entry(DAY, "W-3", List.of(
                JournalLine.debit("5104010104", new BigDecimal("250.00")),
                JournalLine.credit("2101010101", new BigDecimal("250.00")))));

        assertThatThrownBy(() -> jdbc.update("update journal_line set debit = 1 where entry_id = ?", posted.id()))
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from journal_entry where id = ?", posted.id()))
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("insert into journal_line (entry_id, line_no, gl_code, debit, credit)"
                + " values (?, 3, '5104010104', 5, 0)", posted.id())).rootCause().hasMessageContaining("already posted");

        PostedEntry reversal = transactions.execute(s -> ledger.reverse(posted.id(), DAY.plusDays(2), "ผิดบัญชี",
                Actor.SYSTEM));
        assertThat(reversal.reversesId()).isEqualTo(posted.id());
        assertThat(reversal.lines()).extracting(JournalLine::credit)
                .containsExactly(new BigDecimal("250.00"), new BigDecimal("0.00"));
        assertThat(ledger.trialBalance(agency.id(), DAY.plusDays(2)).rows())
                .allSatisfy(row -> assertThat(row.balance()).isEqualByComparingTo("0"));
        assertThat(ledger.trialBalance(agency.id(), DAY).totalDebits()).isEqualByComparingTo("250.00");
        assertThatThrownBy(() -> ledger.reverse(posted.id(), DAY.plusDays(2), "again", Actor.SYSTEM))
                .isInstanceOfSatisfying(KhlangProblem.class,
                        p -> assertThat(p.code()).isEqualTo("ledger.entry.alreadyReversed"));
        assertThatThrownBy(() -> ledger.reverse(reversal.id(), DAY.plusDays(2), "undo", Actor.SYSTEM))
                .isInstanceOfSatisfying(KhlangProblem.class,
                        p -> assertThat(p.code()).isEqualTo("ledger.entry.isReversal"));
        assertThat(ledger.byReference(agency.id(), "W-3")).hasSize(2);
    }

    @Test
    void postingNeedsTheCallersTransaction() {
        assertThatThrownBy(() -> ledger.post(entry(DAY, "W-4", List.of(
                JournalLine.debit("5104010104", BigDecimal.ONE), JournalLine.credit("2101010101", BigDecimal.ONE))),
                Actor.SYSTEM)).isInstanceOf(org.springframework.transaction.IllegalTransactionStateException.class);
    }

    long count() {
        return jdbc.queryForObject("select count(*) from journal_entry where agency_id = ?", Long.class, agency.id());
    }
}
