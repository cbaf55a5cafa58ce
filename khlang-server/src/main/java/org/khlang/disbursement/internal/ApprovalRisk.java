package org.khlang.disbursement.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.khlang.disbursement.Withdrawal;
import org.khlang.risk.ApprovalStage;
import org.khlang.risk.RiskAssessment;
import org.khlang.risk.RiskChecks;
import org.khlang.risk.RiskFinding;
import org.khlang.risk.RiskSubject;
import org.khlang.shared.Actor;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.springframework.stereotype.Component;

/**
 * The fraud rules at approvals 1 and 2 (issue 20): what they find is shown on the phone before the approver signs,
 * and a hold that no agency head has released stops approval 2.
 */
@Component
class ApprovalRisk {

    /** How many findings the phone lists before it counts the rest. */
    static final int PHONE_LINES = 6;

    private final RiskChecks risk;

    ApprovalRisk(RiskChecks risk) {
        this.risk = risk;
    }

    /**
     * Runs the rules for an approval being asked and adds what they found to the phone's display ({@code risk_th}
     * and the detail's last lines). At approval 2, an open hold refuses the request with {@link Held}; the
     * transaction commits so that the hold stays recorded for the head.
     */
    void ask(ApprovalStage stage, List<Withdrawal> documents, Actor approver, Map<String, String> display) {
        RiskAssessment assessment = risk.assess(stage, approver.accountId(), subjects(documents));
        if (stage == ApprovalStage.APPROVAL_2 && assessment.held()) {
            throw held(assessment.openHolds());
        }
        Map<Long, String> numbers = new LinkedHashMap<>();
        documents.forEach(document -> numbers.put(document.id(), document.displayNumber()));
        List<String> lines = assessment.linesTh(numbers, PHONE_LINES);
        if (!lines.isEmpty()) {
            display.put("risk_th", String.join("\n", lines));
            display.put("detail_th", display.get("detail_th") + "\n" + String.join("\n", lines));
        }
    }

    /** Refuses approval 2 while a hold on any of the documents stands. */
    void requireNoHold(List<Withdrawal> documents) {
        List<RiskFinding> open = risk.openHolds(documents.stream().map(Withdrawal::id).toList());
        if (!open.isEmpty()) {
            throw held(open);
        }
    }

    /** Records the findings about the approval just given (hour, phone, sign-ins). */
    void approved(ApprovalStage stage, List<Withdrawal> documents, Actor approver) {
        risk.approved(stage, approver.accountId(), subjects(documents));
    }

    private static Held held(List<RiskFinding> open) {
        RiskFinding first = open.getFirst();
        return new Held(first.documentNumber(), first.reasonTh(), first.reasonEn(), open.size());
    }

    static List<RiskSubject> subjects(List<Withdrawal> documents) {
        return documents.stream().map(ApprovalRisk::subject).toList();
    }

    static RiskSubject subject(Withdrawal withdrawal) {
        List<String> invoices = withdrawal.lines().stream().map(Withdrawal.Line::invoiceRef)
                .filter(ref -> ref != null && !ref.isBlank()).toList();
        return new RiskSubject(withdrawal.id(), withdrawal.agencyId(), withdrawal.displayNumber(),
                withdrawal.hasPayeeList() ? null : withdrawal.payeeId(), withdrawal.total(), invoices,
                withdrawal.recordedAt());
    }

    /**
     * Approval 2 refused: a hold stands on a document until the agency head releases it. Committed rather than rolled
     * back by approval 2's transaction, so that the holds it found stay recorded.
     */
    static final class Held extends KhlangProblem {
        Held(String document, String reasonTh, String reasonEn, int holds) {
            super(ProblemKind.CONFLICT, "withdrawal.risk.held", document, reasonTh, reasonEn, holds);
        }
    }
}
