package org.khlang.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.chrono.ThaiBuddhistDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Dates as people in Thai government write them: Buddhist era in Thai ("10 กุมภาพันธ์ 2568"),
 * Gregorian in English ("10 February 2025"). Times are shown in Bangkok time. Templates call it as
 * {@code @thaiDates.date(value)}.
 */
@Component("thaiDates")
public class ThaiDates {

    public static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");
    private static final Locale THAI = Locale.forLanguageTag("th-TH");
    /**
     * Thai month names, full and abbreviated, taken once from the JDK's own formatter: for a calendar other than
     * the ISO one the formatter looks the name up again on every call (about 2 µs a date when warm; right after a
     * password hash has emptied the caches, 1 % of a sign-in's CPU beyond the hash in its profile).
     */
    private static final String[] THAI_MONTHS = thaiMonths("MMMM");
    private static final String[] THAI_MONTHS_SHORT = thaiMonths("MMM");
    private static final DateTimeFormatter ENGLISH_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter ENGLISH_SHORT = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    /** The date in the current request's language. */
    public String date(TemporalAccessor value) {
        return date(value, LocaleContextHolder.getLocale());
    }

    public String date(TemporalAccessor value, Locale locale) {
        if (value == null) {
            return "";
        }
        LocalDate date = toLocalDate(value);
        if (isThai(locale)) {
            return thaiLong(date);
        }
        return ENGLISH_DATE.format(date);
    }

    /** Date and time, e.g. "10 ก.พ. 68 14:05 น." or "10 Feb 2025 14:05". */
    public String dateTime(TemporalAccessor value) {
        if (value == null) {
            return "";
        }
        ZonedDateTime time = toZoned(value);
        if (isThai(LocaleContextHolder.getLocale())) {
            int year = buddhistYear(time.toLocalDate()) % 100;
            return time.getDayOfMonth() + " " + THAI_MONTHS_SHORT[time.getMonthValue() - 1] + " "
                    + (year < 10 ? "0" : "") + year + " " + TIME.format(time) + " น.";
        }
        return ENGLISH_SHORT.format(time) + " " + TIME.format(time);
    }

    /** A month in the current request's language: "ธันวาคม 2569" or "December 2026". */
    public String month(java.time.YearMonth month) {
        return isThai(LocaleContextHolder.getLocale()) ? thaiMonth(month)
                : DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH).format(month);
    }

    /** "ธันวาคม 2569": the Thai month name and the Buddhist-era year. */
    public static String thaiMonth(java.time.YearMonth month) {
        return THAI_MONTHS[month.getMonthValue() - 1] + " " + (month.getYear() + 543);
    }

    /** "10 กุมภาพันธ์ 2568": day, Thai month name, Buddhist-era year. */
    public static String thaiLong(LocalDate date) {
        // As the pattern "d MMMM yyyy" on a ThaiBuddhistDate (G would add "พ.ศ."; official letters write the bare
        // year), without the formatter's lookup of the month's name on every call.
        return date.getDayOfMonth() + " " + THAI_MONTHS[date.getMonthValue() - 1] + " " + buddhistYear(date);
    }

    /** The Buddhist-era year of a date: 2025-02-10 is in 2568. */
    public static int buddhistYear(LocalDate date) {
        return date.getYear() + 543;
    }

    private static String[] thaiMonths(String pattern) {
        DateTimeFormatter formatter = DateTimeFormatter.ofPattern(pattern, THAI);
        String[] names = new String[12];
        for (int month = 1; month <= 12; month++) {
            names[month - 1] = formatter.format(ThaiBuddhistDate.from(LocalDate.of(2025, month, 1)));
        }
        return names;
    }

    private static boolean isThai(Locale locale) {
        return locale == null || "th".equals(locale.getLanguage());
    }

    private static LocalDate toLocalDate(TemporalAccessor value) {
        if (value instanceof LocalDate date) {
            return date;
        }
        return toZoned(value).toLocalDate();
    }

    private static ZonedDateTime toZoned(TemporalAccessor value) {
        if (value instanceof Instant instant) {
            return instant.atZone(BANGKOK);
        }
        if (value instanceof ZonedDateTime zoned) {
            return zoned.withZoneSameInstant(BANGKOK);
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.atZoneSameInstant(BANGKOK);
        }
        if (value instanceof java.time.LocalDateTime local) {
            return local.atZone(BANGKOK);
        }
        return Instant.from(value).atZone(BANGKOK);
    }
}
