package org.khlang.risk.internal;

import java.time.Duration;
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
 * Duplicate invoice: another document (not cancelled) to the same payee carries the same invoice reference, or has
 * the same amount and was recorded within {@code khlang.risk.duplicate-days} (7) of this one. The same invoice paid
 * twice. Holds by default.
 */
final class DuplicateInvoice implements DocumentRule {

    private final RiskProperties settings;

    DuplicateInvoice(RiskProperties settings) {
        this.settings = settings;
    }

    @Override
    public List<RiskOutcome> check(RiskSubject document, Facts.Documents facts, Instant now) {
        List<RiskOutcome> found = new ArrayList<>();
        boolean hold = settings.holds(RiskRule.DUPLICATE_INVOICE);
        List<Long> seen = new ArrayList<>();
        for (Facts.OtherDocument other : facts.sameInvoice().getOrDefault(document.withdrawalId(), List.of())) {
            seen.add(other.id());
            found.add(RiskOutcome.of(RiskRule.DUPLICATE_INVOICE, hold, new RiskOutcome.Reason(
                    "ใบแจ้งหนี้เลขที่ " + other.invoiceRef() + " อยู่ในเอกสาร " + other.number() + " แล้ว ("
                            + Evidence.dateTh(other.recordedAt()) + ")",
                    "Invoice " + other.invoiceRef() + " is already in document " + other.number() + " ("
                            + Evidence.dateEn(other.recordedAt()) + ")",
                    evidence(document, other, "invoice"), "invoice:" + other.id())));
        }
        Duration window = Duration.ofDays(settings.duplicateDays());
        for (Facts.OtherDocument other : facts.sameAmount().getOrDefault(document.withdrawalId(), List.of())) {
            if (seen.contains(other.id()) || other.total().compareTo(document.total()) != 0
                    || Duration.between(other.recordedAt(), document.recordedAt()).abs().compareTo(window) > 0) {
                continue;
            }
            found.add(RiskOutcome.of(RiskRule.DUPLICATE_INVOICE, hold, new RiskOutcome.Reason(
                    "ผู้รับเงินรายเดียวกัน จำนวนเงินเท่ากัน " + Evidence.baht(other.total()) + " บาท ในเอกสาร "
                            + other.number() + " บันทึกเมื่อ " + Evidence.dateTh(other.recordedAt()),
                    "The same payee and the same amount, " + Evidence.baht(other.total()) + " baht, in document "
                            + other.number() + " recorded on " + Evidence.dateEn(other.recordedAt()),
                    evidence(document, other, "amount"), "amount:" + other.id())));
        }
        return found;
    }

    private static Map<String, Object> evidence(RiskSubject document, Facts.OtherDocument other, String match) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("match", match);
        evidence.put("payee", document.payeeId());
        evidence.put("otherDocument", other.id());
        evidence.put("otherNumber", other.number());
        evidence.put("otherState", other.state());
        evidence.put("otherRecordedAt", other.recordedAt().toString());
        evidence.put("amount", other.total().toPlainString());
        if (other.invoiceRef() != null) {
            evidence.put("invoice", other.invoiceRef());
        }
        return evidence;
    }
}
