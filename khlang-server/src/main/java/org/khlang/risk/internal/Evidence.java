package org.khlang.risk.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.khlang.calendar.ThaiDates;

/** How the rules write dates, amounts and account numbers in their reasons. */
final class Evidence {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private Evidence() {
    }

    static LocalDate date(Instant instant) {
        return instant.atZone(ThaiDates.BANGKOK).toLocalDate();
    }

    static String dateTh(Instant instant) {
        return ThaiDates.thaiLong(date(instant));
    }

    static String dateTimeTh(Instant instant) {
        return ThaiDates.thaiLong(date(instant)) + " " + TIME.format(instant.atZone(ThaiDates.BANGKOK)) + " น.";
    }

    static String dateEn(Instant instant) {
        return date(instant).toString();
    }

    static String baht(BigDecimal amount) {
        return String.format(Locale.ROOT, "%,.2f", amount);
    }

    /** Only the last four digits, as every screen shows an account number. */
    static String masked(String accountNumber) {
        return accountNumber.length() <= 4 ? accountNumber : "x" + accountNumber.substring(accountNumber.length() - 4);
    }
}
