package org.khlang.disbursement;

import java.math.BigDecimal;

/**
 * A budget line of an agency for a fiscal year. {@code reserved} is held by recorded requests, {@code committed} by
 * approved withdrawals not yet paid, {@code paid} by confirmed payments; together they never exceed the allotment.
 */
public record BudgetLine(long id, long agencyId, int fiscalYear, String budgetCode, String fundSource, String glCode,
                         String activity, BigDecimal allotted, BigDecimal reserved, BigDecimal committed,
                         BigDecimal paid) {

    public BigDecimal available() {
        return allotted.subtract(reserved).subtract(committed).subtract(paid);
    }
}
