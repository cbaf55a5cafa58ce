package org.khlang.disbursement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A withdrawal request and where it stands. */
public record Withdrawal(long id, long agencyId, int fiscalYear, DocumentType type, String number, long payeeId,
                         String purchaseOrder, String description, BigDecimal total, WithdrawalState state,
                         long recordedBy, Instant recordedAt, Long approval1By, Instant approval1At,
                         String approval1Sha256, List<Line> lines) {

    public Withdrawal {
        lines = List.copyOf(lines);
    }

    public record Line(int number, Long budgetLineId, String glCode, String description, String invoiceRef,
                       BigDecimal amount) {
    }

    /** The number as people read it: "ขบ02-2569-000001". */
    public String displayNumber() {
        return type.thai() + number.substring(4);
    }
}
