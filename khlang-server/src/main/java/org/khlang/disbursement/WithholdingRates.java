package org.khlang.disbursement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.khlang.shared.Actor;

/** The withholding-tax table with its history by date, kept by the SYSTEM_ADMIN. */
public interface WithholdingRates {

    /** Every row, newest first within each status. */
    List<WithholdingRate> all();

    /** The row in force for the status on the day: the latest that took effect on or before it. */
    Optional<WithholdingRate> inForce(TaxStatus status, LocalDate day);

    /**
     * Adds a rate that takes effect on a day not before today (a document keeps the rate of the day it was recorded,
     * so a rate dated into the past would disagree with documents already signed); audited.
     */
    WithholdingRate add(TaxStatus status, LocalDate effectiveFrom, BigDecimal rate, BigDecimal threshold,
                        String legalBasis, Actor admin);
}
