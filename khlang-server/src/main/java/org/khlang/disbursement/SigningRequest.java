package org.khlang.disbursement;

import java.math.BigDecimal;

/** A signing request sent to the approver's phone: its id, the content hash it signs, and what it shows. */
public record SigningRequest(String confirmationId, String contentSha256, int documents, BigDecimal total) {
}
