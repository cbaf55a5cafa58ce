package org.khlang.disbursement;

/** The withdrawal request documents of GFMIS. */
public enum DocumentType {
    /** ขบ01: against the budget, with a purchase order. */
    KB01("ขบ01", true, true),
    /** ขบ02: against the budget, without a purchase order. */
    KB02("ขบ02", true, false),
    /** ขบ03: money outside the budget (deposits held). */
    KB03("ขบ03", false, false);

    private final String thai;
    private final boolean budget;
    private final boolean purchaseOrder;

    DocumentType(String thai, boolean budget, boolean purchaseOrder) {
        this.thai = thai;
        this.budget = budget;
        this.purchaseOrder = purchaseOrder;
    }

    public String thai() {
        return thai;
    }

    /** Whether lines draw on budget lines (funds check) rather than on deposit accounts. */
    public boolean budget() {
        return budget;
    }

    public boolean needsPurchaseOrder() {
        return purchaseOrder;
    }
}
