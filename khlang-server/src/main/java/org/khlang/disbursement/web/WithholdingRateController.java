package org.khlang.disbursement.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.khlang.disbursement.TaxStatus;
import org.khlang.disbursement.WithholdingRates;
import org.khlang.shared.Actor;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.khlang.shared.web.FormErrors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** SYSTEM_ADMIN keeps the withholding-tax table (the URL is the administrator's, see the security rules). */
@Controller
class WithholdingRateController {

    private final WithholdingRates rates;
    private final FormErrors errors;

    WithholdingRateController(WithholdingRates rates, FormErrors errors) {
        this.rates = rates;
        this.errors = errors;
    }

    @GetMapping("/admin/withholding")
    String list(Model model) {
        model.addAttribute("rates", rates.all());
        model.addAttribute("statuses", new TaxStatus[] {TaxStatus.JURISTIC, TaxStatus.INDIVIDUAL});
        return "admin/withholding";
    }

    @PostMapping("/admin/withholding")
    String add(Actor actor, @RequestParam(defaultValue = "") String status,
               @RequestParam(defaultValue = "") String effectiveFrom, @RequestParam(defaultValue = "") String percent,
               @RequestParam(defaultValue = "") String threshold, @RequestParam(defaultValue = "") String legalBasis,
               RedirectAttributes redirect) {
        try {
            TaxStatus taxStatus = parseStatus(status);
            LocalDate from = parseDate(effectiveFrom);
            BigDecimal rate = number(percent, "withholding.rate").movePointLeft(2);
            BigDecimal minimum = number(threshold.replace(",", ""), "withholding.threshold");
            rates.add(taxStatus, from, rate, minimum, legalBasis, actor);
            redirect.addFlashAttribute("notice", errors.message("withholding.added", taxStatus.thai(),
                    org.khlang.disbursement.WithholdingRate.percent(rate)));
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
        }
        return "redirect:/admin/withholding";
    }

    private static TaxStatus parseStatus(String text) {
        try {
            return TaxStatus.valueOf(text.strip());
        } catch (IllegalArgumentException unknown) {
            throw new KhlangProblem(ProblemKind.INVALID, "withholding.status");
        }
    }

    private static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException invalid) {
            throw new KhlangProblem(ProblemKind.INVALID, "withholding.effectiveFrom");
        }
    }

    private static BigDecimal number(String text, String code) {
        String plain = text.strip();
        if (!plain.matches("[0-9]{1,12}(\\.[0-9]{1,2})?")) {
            throw new KhlangProblem(ProblemKind.INVALID, code);
        }
        return new BigDecimal(plain);
    }
}
