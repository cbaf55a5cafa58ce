package org.khlang.risk.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.khlang.risk.RiskOutcome;
import org.khlang.risk.RiskProperties;
import org.khlang.risk.RiskRule;
import org.khlang.risk.RiskSubject;

/**
 * Split payment: this document and at least one other to the same payee, recorded within
 * {@code khlang.risk.split-days} (30), are each just under a procurement limit (within {@code split-margin}, 10 %,
 * below it) and together pass it: one purchase cut up to stay under the limit of a simpler procurement method.
 * Flags by default.
 */
final class SplitPayment implements DocumentRule {

    private final RiskProperties settings;

    SplitPayment(RiskProperties settings) {
        this.settings = settings;
    }

    @Override
    public List<RiskOutcome> check(RiskSubject document, Facts.Documents facts, Instant now) {
        if (document.payeeId() == null) {
            return List.of();
        }
        List<Facts.OtherDocument> near = facts.nearLimit().getOrDefault(document.payeeId(), List.of());
        Instant since = now.minus(Duration.ofDays(settings.splitDays()));
        for (BigDecimal limit : settings.procurementLimits().stream().sorted(Comparator.reverseOrder()).toList()) {
            if (!justUnder(document.total(), limit)) {
                continue;
            }
            List<Facts.OtherDocument> parts = near.stream()
                    .filter(other -> other.id() != document.withdrawalId() && justUnder(other.total(), limit)
                            && !other.recordedAt().isBefore(since))
                    .sorted(Comparator.comparingLong(Facts.OtherDocument::id)).toList();
            BigDecimal sum = parts.stream().map(Facts.OtherDocument::total).reduce(document.total(), BigDecimal::add);
            if (parts.isEmpty() || sum.compareTo(limit) <= 0) {
                continue;
            }
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("payee", document.payeeId());
            evidence.put("limit", limit.toPlainString());
            evidence.put("documents", parts.stream().map(Facts.OtherDocument::id).toList());
            evidence.put("numbers", parts.stream().map(Facts.OtherDocument::number).toList());
            evidence.put("sum", sum.toPlainString());
            evidence.put("days", settings.splitDays());
            return List.of(RiskOutcome.of(RiskRule.SPLIT_PAYMENT, settings.holds(RiskRule.SPLIT_PAYMENT),
                    new RiskOutcome.Reason("เอกสารถึงผู้รับเงินรายเดียวกัน " + (parts.size() + 1) + " ฉบับใน "
                            + settings.splitDays() + " วัน แต่ละฉบับต่ำกว่าวงเงิน " + Evidence.baht(limit)
                            + " บาทเล็กน้อย รวม " + Evidence.baht(sum) + " บาท (" + String.join(", ", numbers(parts))
                            + ")", (parts.size() + 1) + " documents to the same payee within " + settings.splitDays()
                            + " days, each just under the limit of " + Evidence.baht(limit) + " baht, together "
                            + Evidence.baht(sum) + " baht (" + String.join(", ", numbers(parts)) + ")",
                            evidence, "split:" + limit.toPlainString() + ":" + evidence.get("documents"))));
        }
        return List.of();
    }

    private boolean justUnder(BigDecimal amount, BigDecimal limit) {
        BigDecimal floor = limit.subtract(limit.multiply(settings.splitMargin()));
        return amount.compareTo(limit) < 0 && amount.compareTo(floor) >= 0;
    }

    private static List<String> numbers(List<Facts.OtherDocument> parts) {
        List<String> numbers = new ArrayList<>();
        parts.stream().limit(5).forEach(part -> numbers.add(part.number()));
        if (parts.size() > 5) {
            numbers.add("…");
        }
        return numbers;
    }
}
