package org.khlang.ledger;

import java.math.BigDecimal;

/** One side of a journal entry: a debit or a credit (never both, never negative) to a GL account. */
public record JournalLine(String glCode, BigDecimal debit, BigDecimal credit, Long budgetLineId) {

    public JournalLine {
        debit = debit == null ? BigDecimal.ZERO.setScale(2) : debit.setScale(2);
        credit = credit == null ? BigDecimal.ZERO.setScale(2) : credit.setScale(2);
    }

    public static JournalLine debit(String glCode, BigDecimal amount) {
        return new JournalLine(glCode, amount, null, null);
    }

    public static JournalLine debit(String glCode, BigDecimal amount, Long budgetLineId) {
        return new JournalLine(glCode, amount, null, budgetLineId);
    }

    public static JournalLine credit(String glCode, BigDecimal amount) {
        return new JournalLine(glCode, null, amount, null);
    }

    /** The same amount on the other side: what a reversing entry posts. */
    public JournalLine reversed() {
        return new JournalLine(glCode, credit, debit, budgetLineId);
    }
}
