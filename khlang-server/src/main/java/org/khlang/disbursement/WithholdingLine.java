package org.khlang.disbursement;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One paid payment that withheld tax: what its 50 ทวิ certificate states and where it stands on the monthly
 * return (ภ.ง.ด.3 for an individual, ภ.ง.ด.53 for a juristic person). {@code taxable} is the amount paid before tax,
 * excluding the VAT it included.
 */
public record WithholdingLine(long paymentId, long withdrawalId, String documentNumber, String certificateNumber,
                              LocalDate paidOn, String payeeName, String payeeTaxId, TaxStatus status,
                              BigDecimal taxable, BigDecimal rate, BigDecimal tax, boolean budget,
                              Long remittanceId) {

    /** The rate as people write it: "1%". */
    public String percent() {
        return WithholdingRate.percent(rate);
    }

    /** The tax ID as printed on the certificate: 0-1055-12345-67-8. */
    public String taxIdPrinted() {
        String id = payeeTaxId;
        return id.length() != 13 ? id : id.charAt(0) + "-" + id.substring(1, 5) + "-" + id.substring(5, 10) + "-"
                + id.substring(10, 12) + "-" + id.charAt(12);
    }
}
