package org.khlang.risk.internal;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.khlang.calendar.ThaiDates;
import org.khlang.risk.RiskOutcome;
import org.khlang.risk.RiskProperties;
import org.khlang.risk.RiskRule;

/**
 * Odd-hour approval: given outside office hours ({@code khlang.risk.office-opens}-{@code office-closes}, 08:30-16:30
 * Bangkok time) or on a day that is not a business day (weekends and the official holidays of {@code calendar}).
 * Flags by default.
 */
final class OddHour implements ApprovalRule {

    private final RiskProperties settings;
    private final Predicate<LocalDate> businessDay;

    OddHour(RiskProperties settings, Predicate<LocalDate> businessDay) {
        this.settings = settings;
        this.businessDay = businessDay;
    }

    @Override
    public List<RiskOutcome> check(Facts.Approver approver) {
        ZonedDateTime at = approver.now().atZone(ThaiDates.BANGKOK);
        boolean workingDay = businessDay.test(at.toLocalDate());
        LocalTime time = at.toLocalTime();
        boolean inHours = !time.isBefore(settings.officeOpens()) && time.isBefore(settings.officeCloses());
        if (workingDay && inHours) {
            return List.of();
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("at", at.toOffsetDateTime().toString());
        evidence.put("businessDay", workingDay);
        evidence.put("officeHours", settings.officeOpens() + "-" + settings.officeCloses());
        String when = Evidence.dateTimeTh(approver.now());
        return List.of(RiskOutcome.of(RiskRule.ODD_HOUR, settings.holds(RiskRule.ODD_HOUR), new RiskOutcome.Reason(
                workingDay ? "อนุมัตินอกเวลาราชการ " + when
                        : "อนุมัติในวันหยุด " + when,
                workingDay ? "Approved outside office hours, " + at.toLocalDateTime().withNano(0)
                        : "Approved on a weekend or holiday, " + at.toLocalDateTime().withNano(0),
                evidence, "hour:" + approver.now())));
    }
}
