package org.khlang.disbursement;

import java.time.Instant;

/** A requested change of a payee's bank account, waiting for (or decided by) a second person. */
public record BankChange(long id, long payeeId, BankAccount account, String reason, State state, long requestedBy,
                         Instant requestedAt, Long decidedBy, Instant decidedAt) {

    public enum State {
        PENDING, APPROVED, REJECTED
    }
}
