package org.khlang.disbursement;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A receipt (นส01-like) and, once remitted, the remittance that carried its money to the treasury. {@code deadline}
 * is when the regulation requires it remitted; {@code status} says whether that was, or is being, kept.
 */
public record Receipt(long id, long agencyId, String number, LocalDate receivedOn, Instant receivedAt, String payer,
                      String description, ReceiptMethod method, BigDecimal amount, boolean cancelled,
                      Long remittanceId, Instant remittedAt, Instant deadline, Rule rule, Status status) {

    /** Which rule of the regulation sets the deadline. */
    public enum Rule {
        /** Cash held over 10,000 baht on a day: remitted within 3 business days of that day. */
        CASH_OVER_LIMIT,
        /** E-payment: by 10:00 of the next business day. */
        EPAYMENT_NEXT_DAY,
        /** Everything: at least monthly, by the last business day of the month received. */
        MONTHLY
    }

    public enum Status {
        /** Not remitted, deadline ahead. */
        DUE,
        /** Not remitted, deadline passed: flagged. */
        OVERDUE,
        /** Remitted by the deadline. */
        ON_TIME,
        /** Remitted after the deadline: flagged. */
        LATE,
        /** Cancelled: nothing to remit. */
        CANCELLED
    }

    /** The number as people read it: "นส01-2570-000001". */
    public String displayNumber() {
        return "นส01" + number.substring(2);
    }

    public boolean flagged() {
        return status == Status.OVERDUE || status == Status.LATE;
    }
}
