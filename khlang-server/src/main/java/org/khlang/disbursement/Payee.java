package org.khlang.disbursement;

/** Someone Khlang pays, with the bank account direct pay credits and how the Revenue Code treats them. */
public record Payee(long id, long agencyId, PayeeKind kind, String name, String taxId, BankAccount account,
                    TaxStatus taxStatus) {
}
