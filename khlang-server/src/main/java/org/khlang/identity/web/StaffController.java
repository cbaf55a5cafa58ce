package org.khlang.identity.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.khlang.authority.Agencies;
import org.khlang.authority.Right;
import org.khlang.identity.IssuedCredential;
import org.khlang.identity.NewPerson;
import org.khlang.identity.Staff;
import org.khlang.identity.Username;
import org.khlang.shared.Actor;
import org.khlang.shared.InvalidValueException;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.KhlangProblem.FieldProblem;
import org.khlang.shared.ProblemKind;
import org.khlang.shared.web.FormErrors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The system administrator issues accounts of the treasury's own staff: registrars, Contact Center, admins. */
@Controller
@RequestMapping("/admin/staff")
class StaffController {

    private static final List<Right> STAFF_RIGHTS = List.of(Right.REGISTRAR, Right.HELPDESK, Right.SYSTEM_ADMIN);

    private final Staff staff;
    private final Agencies agencies;
    private final FormErrors errors;
    private final Clock clock;

    StaffController(Staff staff, Agencies agencies, FormErrors errors, Clock clock) {
        this.staff = staff;
        this.agencies = agencies;
        this.errors = errors;
        this.clock = clock;
    }

    record StaffForm(String username, String citizenId, String titleTh, String firstNameTh, String lastNameTh,
                     String email, String mobile, Right right, Long registrarOfficeId) {
    }

    @GetMapping
    String form(Model model) {
        model.addAttribute("form", new StaffForm("", "", "", "", "", "", "", Right.REGISTRAR, null));
        return view(model);
    }

    @PostMapping
    String issue(Actor actor, @ModelAttribute("form") StaffForm form, Model model, HttpServletResponse response) {
        try {
            Username username;
            try {
                username = new Username(form.username());
            } catch (InvalidValueException invalid) {
                throw new KhlangProblem(ProblemKind.INVALID, "person.invalid",
                        List.of(FieldProblem.of("username", "username.format")));
            }
            NewPerson person = NewPerson.of(form.citizenId(), form.titleTh(), form.firstNameTh(), form.lastNameTh(),
                    null, null, form.email(), form.mobile(), null);
            IssuedCredential issued = staff.issue(person, username, form.right(), form.registrarOfficeId(), actor);
            response.setHeader("Cache-Control", "no-store");
            model.addAttribute("issued", issued);
            model.addAttribute("today", LocalDate.now(clock));
            model.addAttribute("right", form.right());
            return "admin/staff-letter";
        } catch (KhlangProblem problem) {
            errors.show(model, problem);
            response.setStatus(problem.kind().httpStatus());
            return view(model);
        }
    }

    private String view(Model model) {
        model.addAttribute("rights", STAFF_RIGHTS);
        model.addAttribute("offices", agencies.registrarOffices());
        return "admin/staff";
    }
}
