package org.khlang.softtoken.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import jakarta.servlet.http.HttpServletResponse;
import org.khlang.authority.Agencies;
import org.khlang.authority.Agency;
import org.khlang.authority.AgencyCode;
import org.khlang.shared.Actor;
import org.khlang.shared.InvalidValueException;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.khlang.shared.web.FormErrors;
import org.khlang.softtoken.RegistrationWindow;
import org.khlang.softtoken.RegistrationWindows;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** R16: a registrar extends the Soft Token registration window for an agency it serves. */
@Controller
@RequestMapping("/registrar/registration-window")
class RegistrationWindowController {

    private final RegistrationWindows windows;
    private final Agencies agencies;
    private final FormErrors errors;

    RegistrationWindowController(RegistrationWindows windows, Agencies agencies, FormErrors errors) {
        this.windows = windows;
        this.agencies = agencies;
        this.errors = errors;
    }

    @GetMapping
    String form(@RequestParam(defaultValue = "") String agency, Model model) {
        model.addAttribute("agencyCode", agency);
        return "softtoken/window";
    }

    @PostMapping
    String extend(Actor actor, @RequestParam String agencyCode, @RequestParam String until, Model model,
                  HttpServletResponse response) {
        model.addAttribute("agencyCode", agencyCode);
        try {
            Agency agency = agencies.byCode(new AgencyCode(agencyCode))
                    .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "agency.notFoundCode", agencyCode));
            RegistrationWindow window = windows.extend(agency.id(), parse(until), actor);
            model.addAttribute("extended", window);
            model.addAttribute("agency", agency);
        } catch (KhlangProblem problem) {
            errors.show(model, problem);
            response.setStatus(problem.kind().httpStatus());
        }
        return "softtoken/window";
    }

    private static LocalDate parse(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException invalid) {
            throw new InvalidValueException("softtoken.window.extension");
        }
    }
}
