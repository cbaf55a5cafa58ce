package org.khlang.risk.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.khlang.risk.RiskOutcome;
import org.khlang.risk.RiskProperties;
import org.khlang.risk.RiskRule;
import org.khlang.risk.RiskSubject;

/**
 * Unusual amount: over {@code khlang.risk.unusual-multiple} (5) times the median of the payee's last
 * {@code unusual-history} (12) paid documents, once it has at least {@code unusual-minimum} (3); or a round-number
 * pattern, a whole multiple of {@code round-unit} (10,000) from {@code round-from} (100,000) up, which real invoices
 * with VAT and unit prices seldom are. Flags by default.
 */
final class UnusualAmount implements DocumentRule {

    private final RiskProperties settings;

    UnusualAmount(RiskProperties settings) {
        this.settings = settings;
    }

    @Override
    public List<RiskOutcome> check(RiskSubject document, Facts.Documents facts, Instant now) {
        List<RiskOutcome> found = new ArrayList<>();
        boolean hold = settings.holds(RiskRule.UNUSUAL_AMOUNT);
        List<BigDecimal> history = document.payeeId() == null ? List.of()
                : facts.paidHistory().getOrDefault(document.payeeId(), List.of());
        if (history.size() >= settings.unusualMinimum()) {
            BigDecimal median = median(history);
            if (document.total().compareTo(median.multiply(settings.unusualMultiple())) > 0) {
                BigDecimal times = document.total().divide(median, 1, RoundingMode.HALF_UP);
                Map<String, Object> evidence = new LinkedHashMap<>();
                evidence.put("payee", document.payeeId());
                evidence.put("median", median.toPlainString());
                evidence.put("history", history.stream().map(BigDecimal::toPlainString).toList());
                evidence.put("times", times.toPlainString());
                found.add(RiskOutcome.of(RiskRule.UNUSUAL_AMOUNT, hold, new RiskOutcome.Reason(
                        "จำนวนเงิน " + Evidence.baht(document.total()) + " บาท สูงกว่าค่ามัธยฐาน "
                                + Evidence.baht(median) + " บาท ของการจ่าย " + history.size() + " ครั้งล่าสุด "
                                + times.toPlainString() + " เท่า",
                        "The amount " + Evidence.baht(document.total()) + " baht is " + times.toPlainString()
                                + " times the median " + Evidence.baht(median) + " baht of the payee's last "
                                + history.size() + " payments", evidence, "median")));
            }
        }
        if (document.total().compareTo(settings.roundFrom()) >= 0
                && document.total().remainder(settings.roundUnit()).signum() == 0) {
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("amount", document.total().toPlainString());
            evidence.put("unit", settings.roundUnit().toPlainString());
            found.add(RiskOutcome.of(RiskRule.UNUSUAL_AMOUNT, hold, new RiskOutcome.Reason(
                    "จำนวนเงินเป็นตัวเลขกลม " + Evidence.baht(document.total()) + " บาท",
                    "A round amount: " + Evidence.baht(document.total()) + " baht", evidence, "round")));
        }
        return found;
    }

    static BigDecimal median(List<BigDecimal> values) {
        List<BigDecimal> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle)
                : sorted.get(middle - 1).add(sorted.get(middle)).divide(BigDecimal.TWO, 2, RoundingMode.HALF_UP);
    }
}
