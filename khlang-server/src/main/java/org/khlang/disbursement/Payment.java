package org.khlang.disbursement;

import java.math.BigDecimal;
import java.time.Instant;

/** One direct-pay transfer of a withdrawal in a batch. */
public record Payment(long id, long batchId, long withdrawalId, String endToEndId, BigDecimal amount,
                      BankAccount account, State state, long approvedBy, Instant resultAt, String resultReason) {

    public enum State {
        SENT, PAID, FAILED
    }
}
