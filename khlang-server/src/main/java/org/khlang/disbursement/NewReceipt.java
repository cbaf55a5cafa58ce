package org.khlang.disbursement;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A receipt to issue: the day the money came in, who paid, for what, how, and how much. */
public record NewReceipt(LocalDate receivedOn, String payer, String description, ReceiptMethod method,
                         BigDecimal amount) {
}
