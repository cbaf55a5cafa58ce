package org.khlang.disbursement.web;

import java.util.HashMap;
import java.util.Map;

import org.khlang.disbursement.BankAccount;
import org.khlang.disbursement.NewPayee;
import org.khlang.disbursement.Payee;
import org.khlang.disbursement.PayeeKind;
import org.khlang.disbursement.Payees;
import org.khlang.disbursement.ThaiBanks;
import org.khlang.shared.Actor;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.khlang.shared.web.FormErrors;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The agency's payees: registered by a recorder; a change of bank account asked by one person, decided by another. */
@Controller
class PayeesController {

    private final Payees payees;
    private final FormErrors errors;

    PayeesController(Payees payees, FormErrors errors) {
        this.payees = payees;
        this.errors = errors;
    }

    @GetMapping("/money/payees")
    String payees(Authentication authentication, Model model) {
        long agencyId = MoneyApiController.agencyOf(authentication);
        model.addAttribute("payees", payees.forAgency(agencyId));
        model.addAttribute("changes", payees.pendingChanges(agencyId));
        Map<Long, Payee> byId = new HashMap<>();
        payees.forAgency(agencyId).forEach(payee -> byId.put(payee.id(), payee));
        model.addAttribute("payeesById", byId);
        model.addAttribute("banks", ThaiBanks.all());
        model.addAttribute("taxStatuses", org.khlang.disbursement.TaxStatus.values());
        return "money/payees";
    }

    @PostMapping("/money/payees")
    String registerPayee(Authentication authentication, Actor actor, @RequestParam Map<String, String> form,
                         RedirectAttributes redirect) {
        long agencyId = MoneyApiController.agencyOf(authentication);
        return FormActions.act(errors, redirect, "/money/payees", () -> {
            PayeeKind kind;
            try {
                kind = PayeeKind.valueOf(form.getOrDefault("kind", ""));
            } catch (IllegalArgumentException unknown) {
                throw new KhlangProblem(ProblemKind.INVALID, "payee.kind");
            }
            return payees.register(agencyId, new NewPayee(kind, form.get("name"), form.get("taxId"),
                    new BankAccount(form.get("bankCode"), form.get("accountNumber"), form.get("accountName")),
                    PayeeTaxStatusController.status(form.get("taxStatus"))), actor).name();
        }, "money.payee.registered");
    }

    @PostMapping("/money/payees/{id}/bank-change")
    String requestBankChange(Authentication authentication, Actor actor, @PathVariable long id,
                             @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        ownPayee(authentication, id);
        return FormActions.act(errors, redirect, "/money/payees", () -> {
            payees.requestBankChange(id, new BankAccount(form.get("bankCode"), form.get("accountNumber"),
                    form.get("accountName")), form.get("reason"), actor);
            return payees.find(id).orElseThrow().name();
        }, "money.payee.changeRequested");
    }

    @PostMapping("/money/bank-changes/{id}")
    String decideBankChange(Authentication authentication, Actor actor, @PathVariable long id,
                            @RequestParam boolean approve, RedirectAttributes redirect) {
        long agencyId = MoneyApiController.agencyOf(authentication);
        if (payees.pendingChanges(agencyId).stream().noneMatch(change -> change.id() == id)) {
            redirect.addFlashAttribute("problem", errors.message("problem.payee.change.notFound"));
            return "redirect:/money/payees";
        }
        return FormActions.act(errors, redirect, "/money/payees", () -> payees.decideBankChange(id, approve, actor).state().name(),
                "money.payee.changeDecided");
    }

    private void ownPayee(Authentication authentication, long id) {
        long agencyId = MoneyApiController.agencyOf(authentication);
        payees.find(id).filter(payee -> payee.agencyId() == agencyId)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "payee.notFound"));
    }
}
