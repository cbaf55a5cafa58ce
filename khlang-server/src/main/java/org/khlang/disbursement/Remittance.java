package org.khlang.disbursement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A remittance (นส02-like) of receipts to the treasury, prepared by a recorder, approved on a phone. */
public record Remittance(long id, long agencyId, String number, BigDecimal total, BigDecimal cashTotal,
                         BigDecimal bankTotal, State state, long preparedBy, Instant preparedAt, Long approvedBy,
                         Instant approvedAt, String contentSha256, List<Long> receiptIds) {

    public Remittance {
        receiptIds = List.copyOf(receiptIds);
    }

    public enum State {
        PREPARED, REMITTED, CANCELLED
    }

    public String displayNumber() {
        return "นส02" + number.substring(2);
    }
}
