package org.khlang.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.chrono.ThaiBuddhistDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

class ThaiDatesTests {

    private static final Locale THAI = Locale.forLanguageTag("th-TH");

    private final ThaiDates dates = new ThaiDates();

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void writesTheBuddhistEraInThaiAndTheGregorianYearInEnglish() {
        LocalDate letter = LocalDate.of(2025, 2, 5);
        assertThat(ThaiDates.thaiLong(letter)).isEqualTo("5 กุมภาพันธ์ 2568");
        assertThat(dates.date(letter, THAI)).isEqualTo("5 กุมภาพันธ์ 2568");
        assertThat(dates.date(letter, Locale.ENGLISH)).isEqualTo("5 February 2025");
        assertThat(dates.date(null, THAI)).isEmpty();
        assertThat(ThaiDates.buddhistYear(letter)).isEqualTo(2568);
    }

    @Test
    void showsDateAndTimeInBangkokTime() {
        Instant instant = Instant.parse("2025-02-10T07:05:00Z"); // 14:05 in Bangkok
        LocaleContextHolder.setLocale(THAI);
        assertThat(dates.dateTime(instant)).isEqualTo("10 ก.พ. 68 14:05 น.");
        // Just before midnight UTC is already the next day in Bangkok.
        assertThat(dates.dateTime(Instant.parse("2024-12-31T17:30:00Z"))).isEqualTo("1 ม.ค. 68 00:30 น.");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(dates.dateTime(instant)).isEqualTo("10 Feb 2025 14:05");
        assertThat(dates.dateTime(null)).isEmpty();
    }

    /** The month names are taken once; every day must read as the JDK's own formatter writes it. */
    @Test
    void agreesWithTheJdksBuddhistCalendarOnEveryDay() {
        DateTimeFormatter full = DateTimeFormatter.ofPattern("d MMMM yyyy", THAI);
        DateTimeFormatter shortForm = DateTimeFormatter.ofPattern("d MMM yy", THAI);
        LocaleContextHolder.setLocale(THAI);
        for (LocalDate day = LocalDate.of(2000, 1, 1); day.isBefore(LocalDate.of(2031, 1, 1)); day = day.plusDays(1)) {
            ThaiBuddhistDate buddhist = ThaiBuddhistDate.from(day);
            assertThat(ThaiDates.thaiLong(day)).isEqualTo(full.format(buddhist));
            assertThat(dates.dateTime(day.atTime(LocalTime.of(9, 30)).atZone(ThaiDates.BANGKOK)))
                    .isEqualTo(shortForm.format(buddhist) + " 09:30 น.");
        }
        LocalDate centuryTurn = LocalDate.of(2057, 1, 1); // 2600: the short year is "00"
        assertThat(dates.dateTime(centuryTurn.atStartOfDay(ThaiDates.BANGKOK)))
                .isEqualTo(shortForm.format(ThaiBuddhistDate.from(centuryTurn)) + " 00:00 น.")
                .isEqualTo("1 ม.ค. 00 00:00 น.");
    }
}
