package org.khlang.calendar.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.khlang.calendar.BusinessDays;
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

/** SYSTEM_ADMIN keeps the official holidays that every deadline counts with. */
@Controller
class HolidayController {

    private final BusinessDays businessDays;
    private final FormErrors errors;
    private final Clock clock;

    HolidayController(BusinessDays businessDays, FormErrors errors, Clock clock) {
        this.businessDays = businessDays;
        this.errors = errors;
        this.clock = clock;
    }

    @GetMapping("/admin/holidays")
    String list(@RequestParam(required = false) Integer year, Model model) {
        int shown = year == null ? LocalDate.now(clock).getYear() : Math.max(2020, Math.min(year, 2100));
        model.addAttribute("year", shown);
        model.addAttribute("holidays", businessDays.holidays(shown));
        return "admin/holidays";
    }

    @PostMapping("/admin/holidays")
    String add(Actor actor, @RequestParam(defaultValue = "") String date, @RequestParam(defaultValue = "") String nameTh,
               @RequestParam(defaultValue = "") String nameEn, RedirectAttributes redirect) {
        try {
            LocalDate day = parse(date);
            businessDays.add(day, nameTh, nameEn, actor);
            redirect.addFlashAttribute("notice", errors.message("holiday.added", day));
            return "redirect:/admin/holidays?year=" + day.getYear();
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
            return "redirect:/admin/holidays";
        }
    }

    @PostMapping("/admin/holidays/remove")
    String remove(Actor actor, @RequestParam(defaultValue = "") String date, RedirectAttributes redirect) {
        try {
            LocalDate day = parse(date);
            businessDays.remove(day, actor);
            redirect.addFlashAttribute("notice", errors.message("holiday.removed", day));
            return "redirect:/admin/holidays?year=" + day.getYear();
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
            return "redirect:/admin/holidays";
        }
    }

    private static LocalDate parse(String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException invalid) {
            throw new KhlangProblem(ProblemKind.INVALID, "holiday.date");
        }
    }
}
