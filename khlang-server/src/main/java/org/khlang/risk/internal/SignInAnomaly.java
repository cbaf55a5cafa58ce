package org.khlang.risk.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.khlang.risk.RiskOutcome;
import org.khlang.risk.RiskProperties;
import org.khlang.risk.RiskRule;

/**
 * Sign-in anomalies before an approval: at least {@code khlang.risk.refused-pushes} (3) pushes denied, answered with a
 * wrong number or reported as "this wasn't me" within {@code refused-push-window} (24 hours); or the sign-in before
 * the approval came from a network (IPv4 /24, IPv6 /48) none of the person's sign-ins of the last
 * {@code network-history} (90 days) came from. A person with no earlier sign-in has no history to differ from.
 * Flags by default.
 */
final class SignInAnomaly implements ApprovalRule {

    private final RiskProperties settings;

    SignInAnomaly(RiskProperties settings) {
        this.settings = settings;
    }

    @Override
    public List<RiskOutcome> check(Facts.Approver approver) {
        List<RiskOutcome> found = new ArrayList<>();
        boolean hold = settings.holds(RiskRule.SIGN_IN_ANOMALY);
        Instant since = approver.now().minus(settings.refusedPushWindow());
        List<Instant> refused = approver.refusedPushes().stream().filter(at -> !at.isBefore(since)).sorted().toList();
        if (refused.size() >= settings.refusedPushes()) {
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("refused", refused.size());
            evidence.put("first", refused.getFirst().toString());
            evidence.put("last", refused.getLast().toString());
            found.add(RiskOutcome.of(RiskRule.SIGN_IN_ANOMALY, hold, new RiskOutcome.Reason(
                    "มีคำขอไปยังโทรศัพท์ถูกปฏิเสธหรือกรอกตัวเลขผิด " + refused.size() + " ครั้งใน "
                            + settings.refusedPushWindow().toHours() + " ชั่วโมงก่อนอนุมัติ",
                    refused.size() + " pushes denied or answered wrongly in the " + settings.refusedPushWindow().toHours()
                            + " hours before the approval", evidence, "pushes:" + approver.now())));
        }
        if (approver.signInNetwork() != null && !approver.knownNetworks().isEmpty()
                && !approver.knownNetworks().contains(approver.signInNetwork())) {
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("network", approver.signInNetwork());
            evidence.put("signedInAt", approver.signInAt().toString());
            evidence.put("knownNetworks", approver.knownNetworks().stream().distinct().limit(10).toList());
            found.add(RiskOutcome.of(RiskRule.SIGN_IN_ANOMALY, hold, new RiskOutcome.Reason(
                    "เข้าสู่ระบบจากเครือข่ายใหม่ " + approver.signInNetwork() + " เมื่อ "
                            + Evidence.dateTimeTh(approver.signInAt()) + " ซึ่งไม่เคยใช้ใน "
                            + settings.networkHistory().toDays() + " วันที่ผ่านมา",
                    "Signed in from a new network " + approver.signInNetwork() + " at " + approver.signInAt()
                            + ", not used in the last " + settings.networkHistory().toDays() + " days",
                    evidence, "network:" + approver.signInAt())));
        }
        return found;
    }
}
