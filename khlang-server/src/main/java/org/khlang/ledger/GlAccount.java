package org.khlang.ledger;

/** An account of the chart (10-digit GFMIS-style GL code). */
public record GlAccount(String code, String nameTh, String nameEn, Kind kind) {

    public enum Kind {
        ASSET, LIABILITY, EQUITY, REVENUE, EXPENSE;

        /** Assets and expenses grow with debits; the others with credits. */
        public boolean debitNormal() {
            return this == ASSET || this == EXPENSE;
        }
    }

    public String name(java.util.Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? nameEn : nameTh;
    }
}
