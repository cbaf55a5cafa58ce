package org.khlang.disbursement;

import java.time.LocalDate;

/** The Thai government's fiscal year runs from 1 October to 30 September and is named by its Buddhist-era year. */
public final class FiscalYears {

    private FiscalYears() {
    }

    /** 2 Oct 2025 → 2569; 30 Sep 2026 → 2569; 1 Oct 2026 → 2570. */
    public static int of(LocalDate date) {
        int year = date.getMonthValue() >= 10 ? date.getYear() + 1 : date.getYear();
        return year + 543;
    }
}
