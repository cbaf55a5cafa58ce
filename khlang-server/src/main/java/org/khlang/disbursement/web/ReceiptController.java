package org.khlang.disbursement.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpSession;
import org.khlang.disbursement.NewReceipt;
import org.khlang.disbursement.Receipt;
import org.khlang.disbursement.ReceiptMethod;
import org.khlang.disbursement.Receipts;
import org.khlang.disbursement.Remittance;
import org.khlang.disbursement.SigningRequest;
import org.khlang.shared.Actor;
import org.khlang.shared.Baht;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.khlang.shared.web.FormErrors;
import org.khlang.softtoken.SoftTokens;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Screens for receipts, daily cash on hand, the regulation's deadlines and remittances confirmed on the phone. */
@Controller
class ReceiptController {

    private static final String PENDING = ReceiptController.class.getName() + ".pending.";

    private final Receipts receipts;
    private final SoftTokens softTokens;
    private final FormErrors errors;
    private final Clock clock;

    ReceiptController(Receipts receipts, SoftTokens softTokens, FormErrors errors, Clock clock) {
        this.receipts = receipts;
        this.softTokens = softTokens;
        this.errors = errors;
        this.clock = clock;
    }

    @GetMapping("/money/receipts")
    String receipts(Authentication authentication, Model model) {
        long agencyId = MoneyApiController.agencyOf(authentication);
        LocalDate today = LocalDate.now(clock);
        List<Receipt> open = receipts.unremitted(agencyId);
        model.addAttribute("today", today);
        model.addAttribute("cashOnHand", receipts.cashOnHand(agencyId, today));
        model.addAttribute("limit", Receipts.CASH_LIMIT);
        model.addAttribute("open", open);
        model.addAttribute("flagged", open.stream().filter(Receipt::flagged).count());
        model.addAttribute("recent", receipts.between(agencyId, today.minusDays(31), today).reversed());
        model.addAttribute("remittances", receipts.remittances(agencyId));
        model.addAttribute("methods", ReceiptMethod.values());
        return "money/receipts";
    }

    @PostMapping("/money/receipts")
    String issue(Authentication authentication, Actor actor, @RequestParam Map<String, String> form,
                 RedirectAttributes redirect) {
        long agencyId = MoneyApiController.agencyOf(authentication);
        try {
            ReceiptMethod method;
            try {
                method = ReceiptMethod.valueOf(form.getOrDefault("method", ""));
            } catch (IllegalArgumentException unknown) {
                throw new KhlangProblem(ProblemKind.INVALID, "receipt.method");
            }
            BigDecimal amount = Baht.parse(form.get("amount"));
            Receipt receipt = receipts.issue(agencyId, new NewReceipt(date(form.get("receivedOn")), form.get("payer"),
                    form.get("description"), method, amount), actor);
            redirect.addFlashAttribute("notice", errors.message("money.receipt.issued", receipt.displayNumber(),
                    Baht.format(receipt.amount())));
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
        }
        return "redirect:/money/receipts";
    }

    @PostMapping("/money/receipts/{id}/cancel")
    String cancel(Authentication authentication, Actor actor, @PathVariable long id,
                  @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        own(authentication, id);
        try {
            Receipt receipt = receipts.cancel(id, reason, actor);
            redirect.addFlashAttribute("notice", errors.message("money.receipt.cancelled", receipt.displayNumber()));
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
        }
        return "redirect:/money/receipts";
    }

    @PostMapping("/money/remittances")
    String prepare(Authentication authentication, Actor actor,
                   @RequestParam(name = "receiptId", required = false) List<Long> ids, RedirectAttributes redirect) {
        long agencyId = MoneyApiController.agencyOf(authentication);
        try {
            Remittance remittance = receipts.prepare(agencyId, ids == null ? List.of() : ids, actor);
            redirect.addFlashAttribute("notice", errors.message("money.remittance.prepared",
                    remittance.displayNumber()));
            return "redirect:/money/remittances/" + remittance.id();
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
            return "redirect:/money/receipts";
        }
    }

    @GetMapping("/money/remittances/{id}")
    String remittance(Authentication authentication, @PathVariable long id, Model model) {
        Remittance remittance = ownRemittance(authentication, id);
        model.addAttribute("remittance", remittance);
        model.addAttribute("receipts", remittance.receiptIds().stream()
                .map(receiptId -> receipts.find(receiptId).orElseThrow()).toList());
        return "money/remittance";
    }

    @PostMapping("/money/remittances/{id}/cancel")
    String cancelRemittance(Authentication authentication, Actor actor, @PathVariable long id,
                            RedirectAttributes redirect) {
        ownRemittance(authentication, id);
        try {
            receipts.cancelRemittance(id, actor);
            redirect.addFlashAttribute("notice", errors.message("money.remittance.cancelled"));
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
        }
        return "redirect:/money/remittances/" + id;
    }

    @PostMapping("/money/remittances/{id}/approve")
    String askApproval(Authentication authentication, Actor actor, @PathVariable long id, HttpSession session,
                       RedirectAttributes redirect) {
        ownRemittance(authentication, id);
        try {
            SigningRequest request = receipts.askApproval(id, actor);
            session.setAttribute(PENDING + id, request.confirmationId());
            return "redirect:/money/remittances/" + id + "/confirm";
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
            return "redirect:/money/remittances/" + id;
        }
    }

    @GetMapping("/money/remittances/{id}/confirm")
    String confirm(Authentication authentication, Actor actor, @PathVariable long id, HttpSession session,
                   Model model) {
        Remittance remittance = ownRemittance(authentication, id);
        model.addAttribute("what", remittance.displayNumber());
        model.addAttribute("total", remittance.total());
        model.addAttribute("base", "/money/remittances/" + id + "/confirm");
        model.addAttribute("back", "/money/remittances/" + id);
        model.addAttribute("state", state((String) session.getAttribute(PENDING + id), actor));
        return "money/confirm";
    }

    @GetMapping("/money/remittances/{id}/confirm/status")
    @ResponseBody
    Map<String, String> confirmState(Actor actor, @PathVariable long id, HttpSession session) {
        return Map.of("state", state((String) session.getAttribute(PENDING + id), actor));
    }

    @PostMapping("/money/remittances/{id}/confirm")
    String approve(Authentication authentication, Actor actor, @PathVariable long id, HttpSession session,
                   RedirectAttributes redirect) {
        ownRemittance(authentication, id);
        String confirmation = (String) session.getAttribute(PENDING + id);
        session.removeAttribute(PENDING + id);
        try {
            Remittance remitted = receipts.approve(id, confirmation, actor);
            redirect.addFlashAttribute("notice", errors.message("money.remittance.approved",
                    remitted.displayNumber(), Baht.format(remitted.total())));
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
        }
        return "redirect:/money/remittances/" + id;
    }

    private String state(String confirmation, Actor actor) {
        return confirmation == null ? "CANCELLED" : softTokens.approvalState(confirmation, actor.accountId()).name();
    }

    private void own(Authentication authentication, long receiptId) {
        long agencyId = MoneyApiController.agencyOf(authentication);
        receipts.find(receiptId).filter(receipt -> receipt.agencyId() == agencyId)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "receipt.notFound"));
    }

    private Remittance ownRemittance(Authentication authentication, long id) {
        long agencyId = MoneyApiController.agencyOf(authentication);
        return receipts.remittance(id).filter(remittance -> remittance.agencyId() == agencyId)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "remittance.notFound"));
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text == null ? "" : text.strip());
        } catch (DateTimeParseException invalid) {
            throw new KhlangProblem(ProblemKind.INVALID, "receipt.date");
        }
    }

}
