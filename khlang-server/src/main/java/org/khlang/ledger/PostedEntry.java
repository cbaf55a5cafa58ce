package org.khlang.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A journal entry as posted: immutable; {@code reversesId} names the entry a reversing entry undoes. */
public record PostedEntry(long id, long agencyId, LocalDate date, Instant postedAt, String source, String reference,
                          String description, BigDecimal total, Long reversesId, List<JournalLine> lines) {

    public PostedEntry {
        lines = List.copyOf(lines);
    }
}
