package org.khlang.disbursement;

import java.math.BigDecimal;
import java.time.Instant;

/** One direct-pay transfer of a withdrawal in a batch; {@code payeeLine} names the line of a list, 0 otherwise. */
public record Payment(long id, long batchId, long withdrawalId, String endToEndId, BigDecimal amount,
                      BankAccount account, State state, long approvedBy, Instant resultAt, String resultReason,
                      int payeeLine) {

    /** A transfer to a document's single payee. */
    public Payment(long id, long batchId, long withdrawalId, String endToEndId, BigDecimal amount,
                   BankAccount account, State state, long approvedBy, Instant resultAt, String resultReason) {
        this(id, batchId, withdrawalId, endToEndId, amount, account, state, approvedBy, resultAt, resultReason, 0);
    }

    public enum State {
        SENT, PAID, FAILED
    }
}
