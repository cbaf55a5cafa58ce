package org.khlang.disbursement;

/**
 * How the Revenue Code treats a payee when an agency pays it: a juristic person (section 69 tri; the tax is listed
 * on ภ.ง.ด.53), an individual (listed on ภ.ง.ด.3), or exempt from withholding.
 */
public enum TaxStatus {
    JURISTIC("นิติบุคคล", "ภ.ง.ด.53"),
    INDIVIDUAL("บุคคลธรรมดา", "ภ.ง.ด.3"),
    EXEMPT("ได้รับยกเว้น", "");

    private final String thai;
    private final String form;

    TaxStatus(String thai, String form) {
        this.thai = thai;
        this.form = form;
    }

    public String thai() {
        return thai;
    }

    /** The monthly return that lists this payee's withheld tax, in Thai; empty when nothing is withheld. */
    public String form() {
        return form;
    }

    /** The status a tax ID suggests: juristic persons' IDs begin with 0, a citizen's with 1 to 8. */
    public static TaxStatus suggestedFor(String taxId) {
        return taxId != null && taxId.startsWith("0") ? JURISTIC : INDIVIDUAL;
    }
}
