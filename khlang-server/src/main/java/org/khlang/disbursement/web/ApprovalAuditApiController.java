package org.khlang.disbursement.web;

import java.util.List;

import org.khlang.disbursement.Withdrawal;
import org.khlang.disbursement.Withdrawals;
import org.khlang.disbursement.web.MoneyViews.CheckView;
import org.khlang.disbursement.web.MoneyViews.WithdrawalView;
import org.khlang.shared.ActorPrincipal;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.khlang.shared.web.ApiController;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Internal audit re-verifies approvals (R14, design.md 4.4): for any withdrawal of the auditor's agency (all
 * agencies for an auditor of the Comptroller General's Department, who has none), whether each signed approval
 * still verifies against the approver's device key and the document as it stands. Read only.
 */
@ApiController("/api/v1/audit/withdrawals")
class ApprovalAuditApiController {

    private final Withdrawals withdrawals;

    ApprovalAuditApiController(Withdrawals withdrawals) {
        this.withdrawals = withdrawals;
    }

    record Verification(WithdrawalView withdrawal, List<CheckView> approvals, boolean allValid) {
    }

    @GetMapping("/{id}/verification")
    Verification verify(Authentication authentication, @PathVariable long id) {
        boolean auditor = authentication.getAuthorities().stream()
                .anyMatch(granted -> "ROLE_INTERNAL_AUDITOR".equals(granted.getAuthority()));
        if (!auditor) {
            throw new KhlangProblem(ProblemKind.FORBIDDEN, "forbidden");
        }
        Long agencyId = authentication.getPrincipal() instanceof ActorPrincipal principal ? principal.agencyId() : null;
        Withdrawal withdrawal = withdrawals.find(id).filter(found -> agencyId == null || found.agencyId() == agencyId)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "withdrawal.notFound"));
        List<CheckView> checks = withdrawals.verifyApprovals(id).stream().map(CheckView::of).toList();
        return new Verification(WithdrawalView.of(withdrawal), checks,
                !checks.isEmpty() && checks.stream().allMatch(CheckView::valid));
    }
}
