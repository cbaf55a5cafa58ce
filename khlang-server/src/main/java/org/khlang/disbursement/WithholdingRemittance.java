package org.khlang.disbursement;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;

/** The month's withheld tax of one return (ภ.ง.ด.3 or ภ.ง.ด.53), remitted with a signed approval. */
public record WithholdingRemittance(long id, long agencyId, YearMonth month, TaxStatus status, int count,
                                    BigDecimal total, long remittedBy, Instant remittedAt) {
}
