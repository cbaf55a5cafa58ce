package org.khlang.disbursement.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpSession;
import org.khlang.disbursement.BankResults;
import org.khlang.disbursement.Budgets;
import org.khlang.disbursement.DocumentType;
import org.khlang.disbursement.FiscalYears;
import org.khlang.disbursement.Deductions;
import org.khlang.disbursement.NewWithdrawal;
import org.khlang.disbursement.Payees;
import org.khlang.disbursement.PaymentBatch;
import org.khlang.disbursement.SigningRequest;
import org.khlang.disbursement.Withdrawal;
import org.khlang.disbursement.WithdrawalState;
import org.khlang.disbursement.Withdrawals;
import org.khlang.shared.Actor;
import org.khlang.shared.Baht;
import org.khlang.shared.InvalidValueException;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.khlang.shared.web.FormErrors;
import org.khlang.softtoken.SoftTokens;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Screens for recorders (record, correct, cancel), approver 1 and approver 2 (each approval confirmed on the phone),
 * payment batches with their pain.001 file and bank results, the budget and payees — all for the person's agency.
 */
@Controller
class MoneyController {

    private static final String PENDING = MoneyController.class.getName() + ".pending.";
    private static final int FORM_LINES = 5;

    private final Withdrawals withdrawals;
    private final Budgets budgets;
    private final Payees payees;
    private final SoftTokens softTokens;
    private final FormErrors errors;
    private final Clock clock;

    MoneyController(Withdrawals withdrawals, Budgets budgets, Payees payees, SoftTokens softTokens, FormErrors errors,
                    Clock clock) {
        this.withdrawals = withdrawals;
        this.budgets = budgets;
        this.payees = payees;
        this.softTokens = softTokens;
        this.errors = errors;
        this.clock = clock;
    }

    /** A phone confirmation waiting in the session: what it approves and the signing request's id. */
    record Pending(String confirmationId, List<Long> withdrawalIds, BigDecimal total) implements java.io.Serializable {
    }

    // ---------------------------------------------------------------- overview

    @GetMapping("/money")
    String overview(Authentication authentication, Actor actor, @RequestParam(required = false) WithdrawalState state,
                    @RequestParam(defaultValue = "0") int page, Model model) {
        long agencyId = MoneyApiController.agencyOf(authentication);
        model.addAttribute("page", withdrawals.forAgency(agencyId, state, page));
        model.addAttribute("state", state);
        model.addAttribute("states", WithdrawalState.values());
        model.addAttribute("payees", payeeNames(agencyId));
        // The waiting lists are summaries, 50 of each state: what the table shows, no lines, no counts.
        model.addAttribute("toApprove1", withdrawals.waiting(agencyId, WithdrawalState.RECORDED, 50));
        List<Withdrawal> toApprove2 = new ArrayList<>(withdrawals.waiting(agencyId,
                WithdrawalState.WITHDRAWAL_APPROVED, 50));
        toApprove2.addAll(withdrawals.waiting(agencyId, WithdrawalState.PAYMENT_FAILED, 50));
        model.addAttribute("toApprove2", toApprove2);
        model.addAttribute("batches", withdrawals.batches(agencyId));
        model.addAttribute("alerts", payees.alerts(actor.accountId()));
        return "money/overview";
    }

    private Map<Long, String> payeeNames(long agencyId) {
        Map<Long, String> names = new HashMap<>();
        payees.forAgency(agencyId).forEach(payee -> names.put(payee.id(), payee.name()));
        return names;
    }

    // ---------------------------------------------------------------- recording

    @GetMapping("/money/withdrawals/new")
    String newForm(Authentication authentication, @RequestParam(defaultValue = "KB02") DocumentType type,
                   Model model) {
        form(MoneyApiController.agencyOf(authentication), model, null);
        model.addAttribute("type", type);
        return "money/withdrawal-form";
    }

    @PostMapping("/money/withdrawals")
    String record(Authentication authentication, Actor actor, @RequestParam Map<String, String> form, Model model,
                  RedirectAttributes redirect) {
        long agencyId = MoneyApiController.agencyOf(authentication);
        try {
            Withdrawal recorded = withdrawals.record(agencyId, withdrawal(form), actor);
            redirect.addFlashAttribute("notice", errors.message("money.recorded", recorded.displayNumber()));
            return "redirect:/money/withdrawals/" + recorded.id();
        } catch (KhlangProblem problem) {
            errors.show(model, problem);
            form(agencyId, model, null);
            model.addAttribute("type", parseType(form.get("type")));
            model.addAttribute("values", form);
            return "money/withdrawal-form";
        }
    }

    @GetMapping("/money/withdrawals/{id}/edit")
    String editForm(Authentication authentication, @PathVariable long id, Model model) {
        Withdrawal withdrawal = own(authentication, id);
        form(withdrawal.agencyId(), model, withdrawal);
        model.addAttribute("type", withdrawal.type());
        model.addAttribute("values", values(withdrawal));
        return "money/withdrawal-form";
    }

    @PostMapping("/money/withdrawals/{id}")
    String correct(Authentication authentication, Actor actor, @PathVariable long id,
                   @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        Withdrawal withdrawal = own(authentication, id);
        try {
            withdrawals.correct(id, withdrawal(form), actor);
            redirect.addFlashAttribute("notice", errors.message("money.corrected", withdrawal.displayNumber()));
            return "redirect:/money/withdrawals/" + id;
        } catch (KhlangProblem problem) {
            errors.show(model, problem);
            form(withdrawal.agencyId(), model, withdrawal);
            model.addAttribute("type", withdrawal.type());
            model.addAttribute("values", form);
            return "money/withdrawal-form";
        }
    }

    @PostMapping("/money/withdrawals/{id}/cancel")
    String cancel(Authentication authentication, Actor actor, @PathVariable long id, RedirectAttributes redirect) {
        own(authentication, id);
        return act(redirect, "/money/withdrawals/" + id, () -> withdrawals.cancel(id, actor).displayNumber(),
                "money.cancelled");
    }

    private void form(long agencyId, Model model, Withdrawal editing) {
        model.addAttribute("payees", payees.forAgency(agencyId));
        model.addAttribute("budgetLines", budgets.lines(agencyId, FiscalYears.of(LocalDate.now(clock))));
        model.addAttribute("types", DocumentType.values());
        model.addAttribute("lineCount", FORM_LINES);
        model.addAttribute("editing", editing);
        if (!model.containsAttribute("values")) {
            model.addAttribute("values", Map.of());
        }
    }

    private static Map<String, String> values(Withdrawal withdrawal) {
        Map<String, String> values = new HashMap<>();
        values.put("payeeId", Long.toString(withdrawal.payeeId()));
        values.put("purchaseOrder", withdrawal.purchaseOrder() == null ? "" : withdrawal.purchaseOrder());
        values.put("description", withdrawal.description());
        Deductions deductions = withdrawal.deductions();
        values.put("vat", deductions.vat().signum() == 0 ? "" : Baht.format(deductions.vat()));
        values.put("fine", deductions.fine().signum() == 0 ? "" : Baht.format(deductions.fine()));
        values.put("fineReason", deductions.fineReason() == null ? "" : deductions.fineReason());
        for (Withdrawal.Line line : withdrawal.lines()) {
            int i = line.number() - 1;
            values.put("budgetLineId" + i, line.budgetLineId() == null ? "" : line.budgetLineId().toString());
            values.put("glCode" + i, line.glCode());
            values.put("lineDescription" + i, line.description());
            values.put("invoiceRef" + i, line.invoiceRef() == null ? "" : line.invoiceRef());
            values.put("amount" + i, Baht.format(line.amount()));
        }
        return values;
    }

    /** The form's rows: a row with nothing typed in it is skipped; an amount is read strictly. */
    private static NewWithdrawal withdrawal(Map<String, String> form) {
        DocumentType type = parseType(form.get("type"));
        long payeeId;
        try {
            payeeId = Long.parseLong(form.getOrDefault("payeeId", ""));
        } catch (NumberFormatException none) {
            throw new KhlangProblem(ProblemKind.INVALID, "withdrawal.payee");
        }
        List<NewWithdrawal.Line> lines = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String amount = form.getOrDefault("amount" + i, "").strip();
            String description = form.getOrDefault("lineDescription" + i, "").strip();
            if (amount.isEmpty() && description.isEmpty()) {
                if (!form.containsKey("amount" + i)) {
                    break;
                }
                continue;
            }
            BigDecimal parsed;
            try {
                parsed = Baht.parse(amount);
            } catch (InvalidValueException invalid) {
                throw new KhlangProblem(ProblemKind.INVALID, "withdrawal.line." + invalid.code(), lines.size() + 1);
            }
            String budgetLine = form.getOrDefault("budgetLineId" + i, "").strip();
            lines.add(new NewWithdrawal.Line(budgetLine.isEmpty() ? null : Long.valueOf(budgetLine),
                    form.getOrDefault("glCode" + i, "").strip(), description, form.get("invoiceRef" + i), parsed));
        }
        return new NewWithdrawal(type, payeeId, form.get("purchaseOrder"), form.get("description"), lines,
                optionalAmount(form.get("vat"), "withdrawal.vat"), optionalAmount(form.get("fine"), "withdrawal.fine"),
                form.get("fineReason"));
    }

    /** An amount that may be left empty (VAT included, a fine): empty is none, anything else is read strictly. */
    static BigDecimal optionalAmount(String text, String code) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Baht.parse(text);
        } catch (InvalidValueException invalid) {
            if (text.strip().matches("0+([.,]0{1,2})?")) {
                return BigDecimal.ZERO;
            }
            throw new KhlangProblem(ProblemKind.INVALID, code);
        }
    }

    private static DocumentType parseType(String text) {
        try {
            return DocumentType.valueOf(text == null ? "" : text);
        } catch (IllegalArgumentException unknown) {
            throw new KhlangProblem(ProblemKind.INVALID, "withdrawal.type");
        }
    }

    // ---------------------------------------------------------------- a document and approval 1

    @GetMapping("/money/withdrawals/{id}")
    String withdrawal(Authentication authentication, @PathVariable long id,
                      @RequestParam(defaultValue = "0") int page, Model model) {
        Withdrawal withdrawal = own(authentication, id);
        model.addAttribute("withdrawal", withdrawal);
        model.addAttribute("payee", withdrawal.hasPayeeList() ? null : payees.find(withdrawal.payeeId()).orElseThrow());
        if (withdrawal.hasPayeeList()) {
            model.addAttribute("payeeLines", withdrawals.payeeLines(id, page));
            model.addAttribute("lineStates", withdrawals.payeeLineStates(id, page));
            model.addAttribute("payments", List.of());
        } else {
            model.addAttribute("payments", withdrawals.payments(id));
        }
        model.addAttribute("checks", withdrawals.verifyApprovals(id));
        model.addAttribute("attachments", withdrawals.attachments(id));
        Map<Long, String> budgetCodes = new HashMap<>();
        budgets.lines(withdrawal.agencyId(), withdrawal.fiscalYear())
                .forEach(line -> budgetCodes.put(line.id(), line.budgetCode()));
        model.addAttribute("budgetCodes", budgetCodes);
        return "money/withdrawal";
    }

    @PostMapping("/money/withdrawals/{id}/attachments")
    String attach(Authentication authentication, Actor actor, @PathVariable long id,
                  @RequestParam(required = false) MultipartFile file, RedirectAttributes redirect) throws IOException {
        own(authentication, id);
        try {
            if (file == null || file.isEmpty()) {
                throw new KhlangProblem(ProblemKind.INVALID, "attachment.required");
            }
            var attached = withdrawals.attach(id, file.getOriginalFilename(), file.getBytes(), actor);
            redirect.addFlashAttribute("notice", errors.message("money.attached", attached.fileName()));
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
        }
        return "redirect:/money/withdrawals/" + id;
    }

    @PostMapping("/money/withdrawals/{id}/attachments/{attachmentId}/remove")
    String detach(Authentication authentication, Actor actor, @PathVariable long id, @PathVariable long attachmentId,
                  RedirectAttributes redirect) {
        own(authentication, id);
        return act(redirect, "/money/withdrawals/" + id, () -> {
            withdrawals.detach(id, attachmentId, actor);
            return "";
        }, "money.detached");
    }

    @GetMapping("/money/withdrawals/{id}/attachments/{attachmentId}")
    ResponseEntity<byte[]> attachment(Authentication authentication, @PathVariable long id,
                                      @PathVariable long attachmentId) {
        own(authentication, id);
        var attachment = withdrawals.attachments(id).stream().filter(found -> found.id() == attachmentId).findFirst()
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "attachment.notFound"));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(attachment.contentType()))
                .header("Content-Disposition", org.springframework.http.ContentDisposition.attachment()
                        .filename(attachment.fileName(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(withdrawals.attachmentContent(id, attachmentId));
    }

    @PostMapping("/money/withdrawals/{id}/approve")
    String askApproval1(Authentication authentication, Actor actor, @PathVariable long id, HttpSession session,
                        RedirectAttributes redirect) {
        Withdrawal withdrawal = own(authentication, id);
        try {
            SigningRequest request = withdrawals.askApproval1(id, actor);
            session.setAttribute(PENDING + "w" + id, new Pending(request.confirmationId(), List.of(id),
                    withdrawal.total()));
            return "redirect:/money/withdrawals/" + id + "/confirm";
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
            return "redirect:/money/withdrawals/" + id;
        }
    }

    @GetMapping("/money/withdrawals/{id}/confirm")
    String confirmApproval1(Authentication authentication, Actor actor, @PathVariable long id, HttpSession session,
                            Model model) {
        Withdrawal withdrawal = own(authentication, id);
        Pending pending = (Pending) session.getAttribute(PENDING + "w" + id);
        model.addAttribute("what", withdrawal.displayNumber());
        model.addAttribute("total", withdrawal.total());
        model.addAttribute("base", "/money/withdrawals/" + id + "/confirm");
        model.addAttribute("back", "/money/withdrawals/" + id);
        model.addAttribute("state", state(pending, actor));
        return "money/confirm";
    }

    @GetMapping("/money/withdrawals/{id}/confirm/status")
    @ResponseBody
    Map<String, String> approval1State(Actor actor, @PathVariable long id, HttpSession session) {
        return Map.of("state", state((Pending) session.getAttribute(PENDING + "w" + id), actor));
    }

    @PostMapping("/money/withdrawals/{id}/confirm")
    String approve1(Authentication authentication, Actor actor, @PathVariable long id, HttpSession session,
                    RedirectAttributes redirect) {
        own(authentication, id);
        Pending pending = (Pending) session.getAttribute(PENDING + "w" + id);
        String confirmation = pending == null ? null : pending.confirmationId();
        session.removeAttribute(PENDING + "w" + id);
        return act(redirect, "/money/withdrawals/" + id,
                () -> withdrawals.approve1(id, confirmation, actor).displayNumber(), "money.approved1");
    }

    // ---------------------------------------------------------------- approval 2 and batches

    @PostMapping("/money/payments/approve")
    String askApproval2(Authentication authentication, Actor actor,
                        @RequestParam(name = "withdrawalId", required = false) List<Long> ids, HttpSession session,
                        RedirectAttributes redirect) {
        MoneyApiController.agencyOf(authentication);
        try {
            SigningRequest request = withdrawals.askApproval2(ids == null ? List.of() : ids, actor);
            session.setAttribute(PENDING + "batch", new Pending(request.confirmationId(), List.copyOf(ids),
                    request.total()));
            return "redirect:/money/payments/confirm";
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
            return "redirect:/money";
        }
    }

    @GetMapping("/money/payments/confirm")
    String confirmApproval2(Actor actor, HttpSession session, Model model) {
        Pending pending = (Pending) session.getAttribute(PENDING + "batch");
        model.addAttribute("what", errors.message("money.batch.what", pending == null ? 0
                : pending.withdrawalIds().size()));
        model.addAttribute("total", pending == null ? BigDecimal.ZERO : pending.total());
        model.addAttribute("base", "/money/payments/confirm");
        model.addAttribute("back", "/money");
        model.addAttribute("state", state(pending, actor));
        return "money/confirm";
    }

    @GetMapping("/money/payments/confirm/status")
    @ResponseBody
    Map<String, String> approval2State(Actor actor, HttpSession session) {
        return Map.of("state", state((Pending) session.getAttribute(PENDING + "batch"), actor));
    }

    @PostMapping("/money/payments/confirm")
    String approve2(Actor actor, HttpSession session, RedirectAttributes redirect) {
        Pending pending = (Pending) session.getAttribute(PENDING + "batch");
        session.removeAttribute(PENDING + "batch");
        if (pending == null) {
            redirect.addFlashAttribute("problem", errors.message("problem.withdrawal.confirmation.missing"));
            return "redirect:/money";
        }
        try {
            PaymentBatch batch = withdrawals.approve2(pending.withdrawalIds(), pending.confirmationId(), actor);
            redirect.addFlashAttribute("notice", errors.message("money.approved2", batch.itemCount(),
                    Baht.format(batch.total())));
            return "redirect:/money/batches/" + batch.id();
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
            return "redirect:/money";
        }
    }

    @GetMapping("/money/batches/{id}")
    String batch(Authentication authentication, @PathVariable long id, Model model) {
        PaymentBatch batch = ownBatch(authentication, id);
        model.addAttribute("batch", batch);
        Map<Long, String> numbers = new HashMap<>();
        batch.payments().forEach(payment -> numbers.put(payment.withdrawalId(),
                withdrawals.find(payment.withdrawalId()).map(Withdrawal::displayNumber).orElse("")));
        model.addAttribute("numbers", numbers);
        return "money/batch";
    }

    @GetMapping("/money/batches/{id}/pain001")
    ResponseEntity<byte[]> paymentFile(Authentication authentication, Actor actor, @PathVariable long id) {
        PaymentBatch batch = ownBatch(authentication, id);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                .header("Content-Disposition", "attachment; filename=\"" + batch.messageId() + ".xml\"")
                .body(withdrawals.paymentFile(id, actor));
    }

    @PostMapping("/money/batches/{id}/results")
    String results(Authentication authentication, Actor actor, @PathVariable long id,
                   @RequestParam(required = false) MultipartFile file, RedirectAttributes redirect)
            throws IOException {
        ownBatch(authentication, id);
        try {
            if (file == null || file.isEmpty()) {
                throw new KhlangProblem(ProblemKind.INVALID, "import.fileRequired");
            }
            BankResults results = withdrawals.importBankResults(id, file.getBytes(), actor);
            if (results.applied()) {
                redirect.addFlashAttribute("notice", errors.message("money.results.applied", results.paid(),
                        results.failed(), results.pending()));
            } else {
                redirect.addFlashAttribute("rowErrors", results.errors().stream().map(error -> errors.message(
                        "money.rowError", error.line(), errors.message("problem." + error.code(),
                        error.arguments().toArray())))
                        .toList());
            }
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
        }
        return "redirect:/money/batches/" + id;
    }

    // ---------------------------------------------------------------- helpers

    private String state(Pending pending, Actor actor) {
        return pending == null ? "CANCELLED" : softTokens.approvalState(pending.confirmationId(), actor.accountId())
                .name();
    }

    private String act(RedirectAttributes redirect, String target, java.util.function.Supplier<Object> command,
                       String notice) {
        return FormActions.act(errors, redirect, target, command, notice);
    }

    private Withdrawal own(Authentication authentication, long id) {
        long agencyId = MoneyApiController.agencyOf(authentication);
        return withdrawals.find(id).filter(found -> found.agencyId() == agencyId)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "withdrawal.notFound"));
    }

    private PaymentBatch ownBatch(Authentication authentication, long id) {
        long agencyId = MoneyApiController.agencyOf(authentication);
        return withdrawals.batch(id).filter(batch -> batch.agencyId() == agencyId)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "payment.batch.notFound"));
    }

}
