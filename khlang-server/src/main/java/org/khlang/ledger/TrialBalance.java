package org.khlang.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Every account's debits and credits up to and including a date; the two totals are always equal. */
public record TrialBalance(long agencyId, LocalDate asOf, List<Row> rows) {

    public TrialBalance {
        rows = List.copyOf(rows);
    }

    public record Row(GlAccount account, BigDecimal debits, BigDecimal credits) {

        /** The balance on the account's normal side (debit for assets and expenses). */
        public BigDecimal balance() {
            return account.kind().debitNormal() ? debits.subtract(credits) : credits.subtract(debits);
        }

        /** The balance shown in the debit column of a trial balance, or zero. */
        public BigDecimal debitBalance() {
            BigDecimal net = debits.subtract(credits);
            return net.signum() > 0 ? net : BigDecimal.ZERO.setScale(2);
        }

        /** The balance shown in the credit column, or zero. */
        public BigDecimal creditBalance() {
            BigDecimal net = credits.subtract(debits);
            return net.signum() > 0 ? net : BigDecimal.ZERO.setScale(2);
        }
    }

    public BigDecimal totalDebits() {
        return rows.stream().map(Row::debitBalance).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    public BigDecimal totalCredits() {
        return rows.stream().map(Row::creditBalance).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    public boolean balanced() {
        return totalDebits().compareTo(totalCredits()) == 0;
    }
}
