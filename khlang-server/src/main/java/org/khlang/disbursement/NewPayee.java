package org.khlang.disbursement;

/**
 * A payee to register. Without a tax status, an officer is exempt (reimbursed for official costs) and a firm is
 * juristic or an individual as its tax ID suggests.
 */
public record NewPayee(PayeeKind kind, String name, String taxId, BankAccount account, TaxStatus taxStatus) {

    public NewPayee(PayeeKind kind, String name, String taxId, BankAccount account) {
        this(kind, name, taxId, account, null);
    }

    /** The status given, or the one the kind and tax ID suggest. */
    public TaxStatus taxStatusOrSuggested() {
        if (taxStatus != null) {
            return taxStatus;
        }
        return kind == PayeeKind.OFFICER ? TaxStatus.EXEMPT : TaxStatus.suggestedFor(taxId);
    }
}
