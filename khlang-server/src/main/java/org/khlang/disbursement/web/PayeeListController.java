package org.khlang.disbursement.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;

import org.khlang.disbursement.Budgets;
import org.khlang.disbursement.DocumentType;
import org.khlang.disbursement.FiscalYears;
import org.khlang.disbursement.NewWithdrawal;
import org.khlang.disbursement.PayeeLine;
import org.khlang.disbursement.PayeeListCsv;
import org.khlang.disbursement.Withdrawal;
import org.khlang.disbursement.Withdrawals;
import org.khlang.shared.Actor;
import org.khlang.shared.ImportReport;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.web.FormErrors;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A document that pays a list of payees (allowances, per diems, refunds): the recorder types the list or imports it
 * from CSV, all or nothing, every bad row named; the document's one budget line or deposit account carries the
 * list's total.
 */
@Controller
class PayeeListController {

    private final Withdrawals withdrawals;
    private final Budgets budgets;
    private final FormErrors errors;
    private final Clock clock;

    PayeeListController(Withdrawals withdrawals, Budgets budgets, FormErrors errors, Clock clock) {
        this.withdrawals = withdrawals;
        this.budgets = budgets;
        this.errors = errors;
        this.clock = clock;
    }

    @GetMapping("/money/withdrawals/new-list")
    String form(Authentication authentication, @RequestParam(defaultValue = "KB02") DocumentType type,
                Model model) {
        long agencyId = MoneyApiController.agencyOf(authentication);
        model.addAttribute("type", type == DocumentType.KB01 ? DocumentType.KB02 : type);
        model.addAttribute("budgetLines", budgets.lines(agencyId, FiscalYears.of(LocalDate.now(clock))));
        model.addAttribute("header", String.join(",", PayeeListCsv.HEADER));
        return "money/payee-list-form";
    }

    @PostMapping("/money/withdrawals/list")
    String record(Authentication authentication, Actor actor, @RequestParam(defaultValue = "KB02") DocumentType type,
                  @RequestParam(defaultValue = "") String description,
                  @RequestParam(required = false) Long budgetLineId, @RequestParam(defaultValue = "") String glCode,
                  @RequestParam(defaultValue = "") String lineDescription, @RequestParam(defaultValue = "") String typed,
                  @RequestParam(required = false) MultipartFile file, RedirectAttributes redirect) throws IOException {
        long agencyId = MoneyApiController.agencyOf(authentication);
        String back = "redirect:/money/withdrawals/new-list?type=" + type;
        byte[] csv = file != null && !file.isEmpty() ? file.getBytes() : typed.getBytes(StandardCharsets.UTF_8);
        ImportReport<PayeeLine> read = PayeeListCsv.read(csv);
        if (!read.imported()) {
            redirect.addFlashAttribute("rowErrors", read.errors().stream().map(error -> errors.message(
                    "money.rowError", error.line(), errors.message("problem." + error.code(),
                            error.arguments().toArray()))).toList());
            return back;
        }
        try {
            java.math.BigDecimal total = read.results().stream().map(PayeeLine::amount)
                    .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
            NewWithdrawal.Line line = new NewWithdrawal.Line(type.budget() ? budgetLineId : null,
                    type.budget() ? null : glCode, lineDescription.isBlank() ? description : lineDescription, null,
                    total);
            Withdrawal recorded = withdrawals.record(agencyId, NewWithdrawal.forList(type, description, line,
                    read.results()), actor);
            redirect.addFlashAttribute("notice", errors.message("payeeList.recorded", recorded.displayNumber(),
                    read.results().size()));
            return "redirect:/money/withdrawals/" + recorded.id();
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
            return back;
        }
    }
}
