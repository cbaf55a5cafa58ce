package org.khlang.disbursement;

import java.math.BigDecimal;
import java.time.Instant;

/** One line of the withdrawal and payment register: a document, where it stands and when it was paid. */
public record RegisterRow(long id, DocumentType type, String number, Instant recordedAt, String payee,
                          String description, BigDecimal total, WithdrawalState state, Instant approval1At,
                          Instant approval2At, Instant paidAt) {

    public String displayNumber() {
        return type.thai() + number.substring(4);
    }
}
