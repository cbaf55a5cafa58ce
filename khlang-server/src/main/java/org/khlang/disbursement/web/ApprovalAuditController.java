package org.khlang.disbursement.web;

import org.khlang.disbursement.Payees;
import org.khlang.disbursement.Withdrawal;
import org.khlang.disbursement.Withdrawals;
import org.khlang.shared.ActorPrincipal;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Internal audit's one-click re-verification of a document's approvals (R14): each signed approval is checked again,
 * now, against the approver's device key and the document as it stands. Read only.
 */
@Controller
class ApprovalAuditController {

    private final Withdrawals withdrawals;
    private final Payees payees;

    ApprovalAuditController(Withdrawals withdrawals, Payees payees) {
        this.withdrawals = withdrawals;
        this.payees = payees;
    }

    @GetMapping("/audit/withdrawals")
    String find(@RequestParam(required = false) Long id, Model model) {
        if (id != null) {
            return "redirect:/audit/withdrawals/" + id;
        }
        return "audit/withdrawal-find";
    }

    @GetMapping("/audit/withdrawals/{id}")
    String verify(Authentication authentication, @PathVariable long id, Model model) {
        Long agencyId = authentication.getPrincipal() instanceof ActorPrincipal principal ? principal.agencyId() : null;
        Withdrawal withdrawal = withdrawals.find(id).filter(found -> agencyId == null || found.agencyId() == agencyId)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "withdrawal.notFound"));
        model.addAttribute("withdrawal", withdrawal);
        model.addAttribute("payee", withdrawal.hasPayeeList() ? null : payees.find(withdrawal.payeeId()).orElseThrow());
        model.addAttribute("checks", withdrawals.verifyApprovals(id));
        return "audit/withdrawal";
    }
}
