package org.khlang.disbursement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A withdrawal request and where it stands; {@code total} is the gross, before {@link #deductions()}. */
public record Withdrawal(long id, long agencyId, int fiscalYear, DocumentType type, String number, long payeeId,
                         String purchaseOrder, String description, BigDecimal total, WithdrawalState state,
                         long recordedBy, Instant recordedAt, Long approval1By, Instant approval1At,
                         String approval1Sha256, List<Line> lines, Deductions deductions, PayeeList payeeList) {

    public Withdrawal {
        lines = List.copyOf(lines);
        deductions = deductions == null ? Deductions.NONE : deductions;
    }

    /** A document that pays a list of payees names none alone: {@link #payeeId()} is then 0. */
    public boolean hasPayeeList() {
        return payeeList != null;
    }

    /** What the payee's bank account receives: the total less the tax withheld and the fine. */
    public BigDecimal net() {
        return deductions.netOf(total);
    }

    public record Line(int number, Long budgetLineId, String glCode, String description, String invoiceRef,
                       BigDecimal amount) {
    }

    /** The number as people read it: "ขบ02-2569-000001". */
    public String displayNumber() {
        return type.thai() + number.substring(4);
    }
}
