package org.khlang.risk;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The facts of one money document that the rules look at, handed over by disbursement.
 *
 * @param payeeId       the single payee, or null for a document that pays a list
 * @param invoiceRefs   the invoice references of its lines (blank ones left out)
 */
public record RiskSubject(long withdrawalId, long agencyId, String number, Long payeeId, BigDecimal total,
                          List<String> invoiceRefs, Instant recordedAt) {

    public RiskSubject {
        invoiceRefs = List.copyOf(invoiceRefs);
    }
}
