package org.khlang.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A journal entry to post: for an agency, on a date, from a source (the kind of business step, e.g.
 * {@code withdrawal.approved}) with a reference to its document. Its debits must equal its credits.
 */
public record JournalEntry(long agencyId, LocalDate date, String source, String reference, String description,
                           List<JournalLine> lines) {

    public JournalEntry {
        lines = List.copyOf(lines);
    }

    public BigDecimal debits() {
        return lines.stream().map(JournalLine::debit).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal credits() {
        return lines.stream().map(JournalLine::credit).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
