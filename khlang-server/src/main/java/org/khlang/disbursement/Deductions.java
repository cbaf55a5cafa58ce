package org.khlang.disbursement;

import java.math.BigDecimal;

/**
 * What is deducted from a withdrawal's total before the payee is paid: the withholding tax (the VAT included in the
 * total is not taxed again) and a fine, with its reason. {@link #NONE} for a document that deducts nothing.
 */
public record Deductions(BigDecimal vat, BigDecimal rate, BigDecimal tax, BigDecimal fine, String fineReason) {

    public static final Deductions NONE = new Deductions(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
            BigDecimal.ZERO, null);

    public BigDecimal total() {
        return tax.add(fine);
    }

    /** The withholding rate applied, as people write it: "1%". */
    public String percent() {
        return WithholdingRate.percent(rate);
    }

    public boolean any() {
        return total().signum() != 0;
    }

    /** What reaches the payee's bank account out of {@code gross}. */
    public BigDecimal netOf(BigDecimal gross) {
        return gross.subtract(total());
    }
}
