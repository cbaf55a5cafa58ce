package org.khlang.disbursement.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.khlang.disbursement.Budgets;
import org.khlang.disbursement.FiscalYears;
import org.khlang.disbursement.NewBudgetLine;
import org.khlang.shared.Actor;
import org.khlang.shared.Baht;
import org.khlang.shared.ImportReport;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.khlang.shared.web.FormErrors;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The agency's budget lines on screen: created one by one or imported from CSV, all or nothing. */
@Controller
class BudgetController {

    private final Budgets budgets;
    private final FormErrors errors;
    private final Clock clock;

    BudgetController(Budgets budgets, FormErrors errors, Clock clock) {
        this.budgets = budgets;
        this.errors = errors;
        this.clock = clock;
    }

    @GetMapping("/money/budget")
    String budget(Authentication authentication, @RequestParam(required = false) Integer year, Model model) {
        long agencyId = MoneyApiController.agencyOf(authentication);
        int fiscalYear = year == null ? FiscalYears.of(LocalDate.now(clock)) : year;
        var lines = budgets.lines(agencyId, fiscalYear);
        model.addAttribute("year", fiscalYear);
        model.addAttribute("lines", lines);
        model.addAttribute("totals", List.of(sum(lines, l -> l.allotted()), sum(lines, l -> l.reserved()),
                sum(lines, l -> l.committed()), sum(lines, l -> l.paid()), sum(lines, l -> l.available())));
        return "money/budget";
    }

    private static <T> BigDecimal sum(List<T> items, Function<T, BigDecimal> amount) {
        return items.stream().map(amount).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    @PostMapping("/money/budget")
    String createBudgetLine(Authentication authentication, Actor actor, @RequestParam Map<String, String> form,
                            RedirectAttributes redirect) {
        long agencyId = MoneyApiController.agencyOf(authentication);
        return FormActions.act(errors, redirect, "/money/budget", () -> {
            int year;
            try {
                year = Integer.parseInt(form.getOrDefault("fiscalYear", ""));
            } catch (NumberFormatException notANumber) {
                throw new KhlangProblem(ProblemKind.INVALID, "budget.fiscalYear");
            }
            return budgets.create(agencyId, new NewBudgetLine(year, form.get("budgetCode"), form.get("fundSource"),
                    form.get("glCode"), form.get("activity"), Baht.parse(form.get("allotted"))), actor).budgetCode();
        }, "money.budget.created");
    }

    @PostMapping("/money/budget/import")
    String importBudget(Authentication authentication, Actor actor,
                        @RequestParam(required = false) MultipartFile file, RedirectAttributes redirect)
            throws IOException {
        long agencyId = MoneyApiController.agencyOf(authentication);
        try {
            if (file == null || file.isEmpty()) {
                throw new KhlangProblem(ProblemKind.INVALID, "import.fileRequired");
            }
            ImportReport<?> report = budgets.importCsv(agencyId, file.getBytes(), actor);
            if (report.imported()) {
                redirect.addFlashAttribute("notice", errors.message("money.budget.imported", report.rowsRead()));
            } else {
                redirect.addFlashAttribute("rowErrors", report.errors().stream().map(error -> errors.message(
                        "money.rowError", error.line(), errors.message("problem." + error.code(),
                        error.arguments().toArray())))
                        .toList());
            }
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
        }
        return "redirect:/money/budget";
    }
}
