package org.khlang.disbursement;

/** A payee to register. */
public record NewPayee(PayeeKind kind, String name, String taxId, BankAccount account) {
}
