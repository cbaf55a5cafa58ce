package org.khlang.disbursement;

import java.math.BigDecimal;

/** A document's list of payees as approvers sign it: how many, their total and the SHA-256 of the whole list. */
public record PayeeList(int count, BigDecimal total, String sha256) {
}
