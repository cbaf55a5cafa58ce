package org.khlang.disbursement;

/** Someone Khlang pays, with the bank account direct pay credits. */
public record Payee(long id, long agencyId, PayeeKind kind, String name, String taxId, BankAccount account) {
}
