package org.khlang.disbursement.web;

import org.khlang.disbursement.Payee;
import org.khlang.disbursement.Payees;
import org.khlang.disbursement.TaxStatus;
import org.khlang.shared.Actor;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.khlang.shared.web.FormErrors;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A recorder marks how the Revenue Code treats a payee of the agency (R13: what is withheld from it). */
@Controller
class PayeeTaxStatusController {

    private final Payees payees;
    private final FormErrors errors;

    PayeeTaxStatusController(Payees payees, FormErrors errors) {
        this.payees = payees;
        this.errors = errors;
    }

    @PostMapping("/money/payees/{id}/tax-status")
    String change(Authentication authentication, Actor actor, @PathVariable long id,
                  @RequestParam(defaultValue = "") String taxStatus, RedirectAttributes redirect) {
        long agencyId = MoneyApiController.agencyOf(authentication);
        try {
            payees.find(id).filter(payee -> payee.agencyId() == agencyId)
                    .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "payee.notFound"));
            TaxStatus status = status(taxStatus);
            if (status == null) {
                throw new KhlangProblem(ProblemKind.INVALID, "payee.taxStatus");
            }
            Payee changed = payees.changeTaxStatus(id, status, actor);
            redirect.addFlashAttribute("notice", errors.message("money.taxStatus.changed", changed.name(),
                    changed.taxStatus().thai()));
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
        }
        return "redirect:/money/payees";
    }

    /** The status chosen on a form; null when none was (the tax ID then suggests one). */
    static TaxStatus status(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return TaxStatus.valueOf(text.strip());
        } catch (IllegalArgumentException unknown) {
            throw new KhlangProblem(ProblemKind.INVALID, "payee.taxStatus");
        }
    }
}
