package org.khlang.risk.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.khlang.risk.RiskOutcome;
import org.khlang.risk.RiskProperties;
import org.khlang.risk.RiskRule;

/**
 * New phone: the approval comes from a phone bound within {@code khlang.risk.new-phone} (24 hours), or it is the
 * first approval of the phone that replaced a lost one. A taken-over account binds a phone of its own first.
 * Flags by default.
 */
final class NewPhone implements ApprovalRule {

    private final RiskProperties settings;

    NewPhone(RiskProperties settings) {
        this.settings = settings;
    }

    @Override
    public List<RiskOutcome> check(Facts.Approver approver) {
        if (approver.phoneBoundAt() == null) {
            return List.of();
        }
        List<RiskOutcome> found = new ArrayList<>();
        boolean hold = settings.holds(RiskRule.NEW_PHONE);
        Duration age = Duration.between(approver.phoneBoundAt(), approver.now());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("boundAt", approver.phoneBoundAt().toString());
        if (age.compareTo(settings.newPhone()) < 0) {
            evidence.put("hours", age.toHours());
            found.add(RiskOutcome.of(RiskRule.NEW_PHONE, hold, new RiskOutcome.Reason(
                    "อนุมัติจากโทรศัพท์ที่ผูกเมื่อ " + Evidence.dateTimeTh(approver.phoneBoundAt()) + " (ไม่ถึง "
                            + settings.newPhone().toHours() + " ชั่วโมง)",
                    "Approved from a phone bound at " + approver.phoneBoundAt() + " (less than "
                            + settings.newPhone().toHours() + " hours ago)", evidence, "phone:" + approver.now())));
        } else if (approver.replacedAt() != null && approver.approvalsSince() == 0
                && !approver.phoneBoundAt().isBefore(approver.replacedAt().minus(Duration.ofDays(1)))) {
            evidence.put("replacedAt", approver.replacedAt().toString());
            found.add(RiskOutcome.of(RiskRule.NEW_PHONE, hold, new RiskOutcome.Reason(
                    "การอนุมัติครั้งแรกจากโทรศัพท์เครื่องใหม่หลังแจ้งโทรศัพท์หาย (อนุมัติเปลี่ยนเครื่องเมื่อ "
                            + Evidence.dateTh(approver.replacedAt()) + ")",
                    "The first approval from the phone that replaced a lost one (replacement approved on "
                            + Evidence.dateEn(approver.replacedAt()) + ")", evidence, "replaced:" + approver.now())));
        }
        return found;
    }
}
