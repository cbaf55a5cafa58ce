package org.khlang.disbursement;

import java.math.BigDecimal;
import java.util.List;

/**
 * A withdrawal request as a recorder enters or corrects it. Budget documents (ขบ01, ขบ02) name a budget line on
 * each line; ขบ03 names the deposit account instead.
 */
public record NewWithdrawal(DocumentType type, long payeeId, String purchaseOrder, String description,
                            List<Line> lines, BigDecimal vat, BigDecimal fine, String fineReason,
                            List<PayeeLine> payees) {

    public NewWithdrawal {
        lines = lines == null ? List.of() : List.copyOf(lines);
        payees = payees == null ? List.of() : List.copyOf(payees);
    }

    /** A document for one payee, with its deductions. */
    public NewWithdrawal(DocumentType type, long payeeId, String purchaseOrder, String description,
                         List<Line> lines, BigDecimal vat, BigDecimal fine, String fineReason) {
        this(type, payeeId, purchaseOrder, description, lines, vat, fine, fineReason, null);
    }

    /**
     * A document that pays a list of payees (ขบ02 or ขบ03): one line of budget or deposit account for the list's
     * total, no single payee, no deductions.
     */
    public static NewWithdrawal forList(DocumentType type, String description, Line line, List<PayeeLine> payees) {
        return new NewWithdrawal(type, 0, null, description, line == null ? List.of() : List.of(line), null, null,
                null, payees);
    }

    public boolean hasPayeeList() {
        return !payees.isEmpty();
    }

    /** A document with no VAT stated and no fine. */
    public NewWithdrawal(DocumentType type, long payeeId, String purchaseOrder, String description,
                         List<Line> lines) {
        this(type, payeeId, purchaseOrder, description, lines, null, null, null, null);
    }

    public record Line(Long budgetLineId, String glCode, String description, String invoiceRef, BigDecimal amount) {
    }
}
