package org.khlang.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One posting to an account in a GL detail report, with the running balance on the account's normal side. */
public record GlDetailLine(long entryId, LocalDate date, String source, String reference, String description,
                           BigDecimal debit, BigDecimal credit, BigDecimal runningBalance) {
}
