package org.khlang.disbursement;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One row of the withholding-tax table: for payees of one tax status, from a date on, the rate withheld from a
 * payment whose taxable amount is at least the threshold, and the law that requires it.
 */
public record WithholdingRate(long id, TaxStatus status, LocalDate effectiveFrom, BigDecimal rate,
                              BigDecimal threshold, String legalBasis, Instant createdAt) {

    /** The rate as people write it: "1%" or "1.5%". */
    public String percent() {
        return percent(rate);
    }

    /** A rate (0.015) as people write it ("1.5%"). */
    public static String percent(java.math.BigDecimal rate) {
        return rate.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }
}
