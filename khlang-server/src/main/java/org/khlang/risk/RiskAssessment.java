package org.khlang.risk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the rules found at one approval: per document (by withdrawal id), and about the approver and this approval.
 * Clear outcomes are not listed. {@code openHolds} are the holds on these documents
 * that no head has released yet, found now or earlier.
 */
public record RiskAssessment(ApprovalStage stage, Map<Long, List<RiskOutcome>> documents,
                             List<RiskOutcome> approval, List<RiskFinding> openHolds) {

    public RiskAssessment {
        documents = Map.copyOf(documents);
        approval = List.copyOf(approval);
        openHolds = List.copyOf(openHolds);
    }

    public boolean held() {
        return !openHolds.isEmpty();
    }

    /**
     * Lines of Thai text for the phone (at most {@code limit}, then a count of the rest), each with the warning sign,
     * holds before flags: the approver sees what was found before the PIN-gated approve button.
     */
    public List<String> linesTh(Map<Long, String> numbers, int limit) {
        List<String> holds = new ArrayList<>();
        List<String> flags = new ArrayList<>();
        for (RiskOutcome outcome : approval) {
            (outcome instanceof RiskOutcome.Hold ? holds : flags).add(line(outcome, null));
        }
        documents.forEach((id, outcomes) -> outcomes.forEach(outcome ->
                (outcome instanceof RiskOutcome.Hold ? holds : flags).add(line(outcome, numbers.get(id)))));
        // holds first: they stop the payment
        List<String> lines = new ArrayList<>(holds);
        lines.addAll(flags);
        if (lines.size() <= limit) {
            return lines;
        }
        List<String> shown = new ArrayList<>(lines.subList(0, limit));
        shown.add("⚠ และอีก " + (lines.size() - limit) + " ข้อสังเกต ดูได้ในระบบ");
        return shown;
    }

    private static String line(RiskOutcome outcome, String number) {
        String what = outcome instanceof RiskOutcome.Hold ? "⚠ ระงับ: " : "⚠ ข้อสังเกต: ";
        String reason = switch (outcome) {
            case RiskOutcome.Flag flag -> flag.reason().th();
            case RiskOutcome.Hold hold -> hold.reason().th();
            case RiskOutcome.Clear clear -> "";
        };
        return what + (number == null ? "" : number + " ") + reason;
    }
}
