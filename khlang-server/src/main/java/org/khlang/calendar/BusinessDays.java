package org.khlang.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Thai business days: Monday to Friday, except the official holidays of the {@code holiday} table. Every deadline
 * of the letter and the regulation counts with it ("within 3 business days of the loss date", "by the next business
 * day"). The holidays are read once and kept; {@link #reload()} reads them again after a change.
 */
@Component
public class BusinessDays {

    private final JdbcClient jdbc;
    private volatile Map<LocalDate, Holiday> holidays;

    BusinessDays(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean isBusinessDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !holidays().containsKey(date);
    }

    /** The day {@code days} business days after {@code date} (which itself need not be one): Thu + 3 → Tue. */
    public LocalDate plus(LocalDate date, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("days must not be negative");
        }
        LocalDate day = date;
        int counted = 0;
        while (counted < days) {
            day = day.plusDays(1);
            if (isBusinessDay(day)) {
                counted++;
            }
        }
        return day;
    }

    /** The first business day after {@code date}. */
    public LocalDate next(LocalDate date) {
        return plus(date, 1);
    }

    /** The last business day of the month. */
    public LocalDate lastOfMonth(YearMonth month) {
        LocalDate day = month.atEndOfMonth();
        while (!isBusinessDay(day)) {
            day = day.minusDays(1);
        }
        return day;
    }

    /** The holidays of a Gregorian year, in date order. */
    public List<Holiday> holidays(int year) {
        return holidays().values().stream().filter(holiday -> holiday.date().getYear() == year).toList();
    }

    /** Reads the holidays again (after an administrator changed them). */
    public void reload() {
        holidays = null;
    }

    private Map<LocalDate, Holiday> holidays() {
        Map<LocalDate, Holiday> loaded = holidays;
        if (loaded == null) {
            Map<LocalDate, Holiday> read = new TreeMap<>();
            jdbc.sql("select holiday_date, name_th, name_en from holiday")
                    .query((rs, row) -> new Holiday(rs.getObject("holiday_date", LocalDate.class),
                            rs.getString("name_th"), rs.getString("name_en")))
                    .list().forEach(holiday -> read.put(holiday.date(), holiday));
            loaded = java.util.Collections.unmodifiableMap(read);
            holidays = loaded;
        }
        return loaded;
    }
}
