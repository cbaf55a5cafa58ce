package org.khlang.disbursement;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Payments approved together by one PAYMENT_APPROVER's signature over the batch manifest (approval 2). */
public record PaymentBatch(long id, long agencyId, String messageId, int itemCount, BigDecimal total,
                           LocalDate executionDate, String manifestSha256, long approvedBy, Instant approvedAt,
                           List<Payment> payments) {

    public PaymentBatch {
        payments = List.copyOf(payments);
    }
}
