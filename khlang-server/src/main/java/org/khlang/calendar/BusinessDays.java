package org.khlang.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.khlang.audit.AuditEntry;
import org.khlang.audit.AuditLog;
import org.khlang.shared.Actor;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Thai business days: Monday to Friday, except the official holidays of the {@code holiday} table. Every deadline
 * of the letter and the regulation counts with it ("within 3 business days of the loss date", "by the next business
 * day"). The holidays are kept in memory and read again after a change here, and at least every five minutes so
 * that a change made on another node is seen there too.
 */
@Component
public class BusinessDays {

    private static final long REFRESH_MILLIS = 5 * 60 * 1000L;

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private volatile Map<LocalDate, Holiday> holidays;
    private volatile long loadedAt;

    BusinessDays(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** Adds an official holiday (a SYSTEM_ADMIN, when the cabinet announces one); audited. */
    @Transactional
    public Holiday add(LocalDate date, String nameTh, String nameEn, Actor admin) {
        String th = nameTh == null ? "" : nameTh.strip();
        String en = nameEn == null || nameEn.isBlank() ? th : nameEn.strip();
        if (date == null || date.getYear() < 2020 || date.getYear() > 2100) {
            throw new KhlangProblem(ProblemKind.INVALID, "holiday.date");
        }
        if (th.isEmpty() || th.length() > 200 || en.length() > 200) {
            throw new KhlangProblem(ProblemKind.INVALID, "holiday.name");
        }
        if (holidays().containsKey(date) || jdbc.sql("select count(*) from holiday where holiday_date = ?")
                .param(date).query(Long.class).single() > 0) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "holiday.exists");
        }
        jdbc.sql("insert into holiday (holiday_date, name_th, name_en) values (?, ?, ?)").params(date, th, en)
                .update();
        audit.append(AuditEntry.of("calendar.holiday.added").by(admin.username(), admin.accountId())
                .target("holiday:" + date).with("nameTh", th).with("nameEn", en).build());
        reload();
        return new Holiday(date, th, en);
    }

    /** Removes a holiday entered by mistake; audited. Deadlines already computed are not changed. */
    @Transactional
    public void remove(LocalDate date, Actor admin) {
        if (jdbc.sql("delete from holiday where holiday_date = ?").param(date).update() != 1) {
            throw new KhlangProblem(ProblemKind.NOT_FOUND, "holiday.notFound");
        }
        audit.append(AuditEntry.of("calendar.holiday.removed").by(admin.username(), admin.accountId())
                .target("holiday:" + date).build());
        reload();
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
        if (loaded == null || System.currentTimeMillis() - loadedAt > REFRESH_MILLIS) {
            Map<LocalDate, Holiday> read = new TreeMap<>();
            jdbc.sql("select holiday_date, name_th, name_en from holiday")
                    .query((rs, row) -> new Holiday(rs.getObject("holiday_date", LocalDate.class),
                            rs.getString("name_th"), rs.getString("name_en")))
                    .list().forEach(holiday -> read.put(holiday.date(), holiday));
            loaded = java.util.Collections.unmodifiableMap(read);
            holidays = loaded;
            loadedAt = System.currentTimeMillis();
        }
        return loaded;
    }
}
