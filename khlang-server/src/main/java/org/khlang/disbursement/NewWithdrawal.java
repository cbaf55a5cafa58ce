package org.khlang.disbursement;

import java.math.BigDecimal;
import java.util.List;

/**
 * A withdrawal request as a recorder enters or corrects it. Budget documents (ขบ01, ขบ02) name a budget line on
 * each line; ขบ03 names the deposit account instead.
 */
public record NewWithdrawal(DocumentType type, long payeeId, String purchaseOrder, String description,
                            List<Line> lines, BigDecimal vat, BigDecimal fine, String fineReason) {

    public NewWithdrawal {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** A document with no VAT stated and no fine. */
    public NewWithdrawal(DocumentType type, long payeeId, String purchaseOrder, String description,
                         List<Line> lines) {
        this(type, payeeId, purchaseOrder, description, lines, null, null, null);
    }

    public record Line(Long budgetLineId, String glCode, String description, String invoiceRef, BigDecimal amount) {
    }
}
