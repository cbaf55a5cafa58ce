package org.khlang.identity.web;

import java.time.Clock;
import java.time.LocalDate;

import jakarta.servlet.http.HttpServletResponse;
import org.khlang.authority.Agencies;
import org.khlang.authority.Agency;
import org.khlang.authority.AgencyCode;
import org.khlang.authority.Rights;
import org.khlang.identity.AccountState;
import org.khlang.identity.Credentials;
import org.khlang.identity.IssuedCredential;
import org.khlang.identity.KhlangUser;
import org.khlang.identity.NewPerson;
import org.khlang.identity.PersonAccount;
import org.khlang.identity.internal.Passkeys;
import org.khlang.shared.InvalidValueException;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.KhlangProblem.FieldProblem;
import org.khlang.shared.ProblemKind;
import org.khlang.shared.web.FormErrors;
import org.khlang.softtoken.SoftTokens;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The registrar's people: find, issue credentials (R4), reissue, lock, unlock and disable. */
@Controller
@RequestMapping("/registrar/people")
class RegistrarPeopleController {

    private static final int PAGE_SIZE = 25;

    private final Credentials credentials;
    private final Agencies agencies;
    private final Rights rights;
    private final FormErrors errors;
    private final Clock clock;
    private final SoftTokens softTokens;
    private final Passkeys passkeys;

    RegistrarPeopleController(Credentials credentials, Agencies agencies, Rights rights, FormErrors errors,
                              Clock clock, SoftTokens softTokens, Passkeys passkeys) {
        this.softTokens = softTokens;
        this.passkeys = passkeys;
        this.credentials = credentials;
        this.agencies = agencies;
        this.rights = rights;
        this.errors = errors;
        this.clock = clock;
    }

    /** The form as typed, kept to fill the form again after a refusal. */
    record PersonForm(String citizenId, String titleTh, String firstNameTh, String lastNameTh, String firstNameEn,
                      String lastNameEn, String email, String mobile, String agencyCode) {
    }

    @GetMapping
    String list(@AuthenticationPrincipal KhlangUser user, @RequestParam(defaultValue = "") String q,
                @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("q", q);
        model.addAttribute("page", credentials.people(user.actor(), q, page, PAGE_SIZE));
        return "registrar/people";
    }

    @GetMapping("/new")
    String form(@RequestParam(required = false) String agency, Model model) {
        model.addAttribute("form", new PersonForm("", "", "", "", "", "", "", "", agency == null ? "" : agency));
        return "registrar/person-new";
    }

    @PostMapping("/new")
    String issue(@AuthenticationPrincipal KhlangUser user, @ModelAttribute("form") PersonForm form, Model model,
                 HttpServletResponse response) {
        try {
            Agency agency = agency(form.agencyCode());
            NewPerson person = NewPerson.of(form.citizenId(), form.titleTh(), form.firstNameTh(), form.lastNameTh(),
                    form.firstNameEn(), form.lastNameEn(), form.email(), form.mobile(), agency.id());
            IssuedCredential issued = credentials.issue(person, user.actor());
            return letter(issued, agency, model, response);
        } catch (KhlangProblem problem) {
            errors.show(model, problem);
            response.setStatus(problem.kind().httpStatus());
            return "registrar/person-new";
        }
    }

    @GetMapping("/{accountId}")
    String person(@AuthenticationPrincipal KhlangUser user, @PathVariable long accountId, Model model) {
        PersonAccount holder = served(accountId, user);
        model.addAttribute("holder", holder);
        model.addAttribute("agency", agencies.byId(holder.person().agencyId()).orElse(null));
        model.addAttribute("rights", rights.history(accountId));
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("device", softTokens.activeDevice(accountId).orElse(null));
        model.addAttribute("pushHold", softTokens.pushHold(accountId).orElse(null));
        model.addAttribute("now", clock.instant());
        model.addAttribute("passkeys", passkeys.of(accountId));
        model.addAttribute("passkeyLost", passkeys.lossOpen(accountId));
        return "registrar/person";
    }

    /** NIST SP 800-63B-4 3.2.2: the serving registrar, having checked the person, lifts a pause or lock of pushes. */
    @PostMapping("/{accountId}/unlock-push")
    String unlockPush(@AuthenticationPrincipal KhlangUser user, @PathVariable long accountId,
                      @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        PersonAccount holder = served(accountId, user);
        try {
            redirect.addFlashAttribute("notice", softTokens.unlockPushes(accountId, reason, user.actor())
                    ? errors.message("push.unlock.done", holder.account().username().value())
                    : errors.message("push.unlock.nothing"));
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
        }
        return "redirect:/registrar/people/" + accountId;
    }

    @PostMapping("/{accountId}/reissue")
    String reissue(@AuthenticationPrincipal KhlangUser user, @PathVariable long accountId, Model model,
                   HttpServletResponse response) {
        IssuedCredential issued = credentials.reissue(accountId, user.actor());
        return letter(issued, agencies.byId(issued.person().agencyId()).orElseThrow(), model, response);
    }

    @PostMapping("/{accountId}/state")
    String changeState(@AuthenticationPrincipal KhlangUser user, @PathVariable long accountId,
                       @RequestParam AccountState state, @RequestParam(defaultValue = "") String reason,
                       RedirectAttributes redirect) {
        try {
            credentials.changeState(accountId, state, reason, user.actor());
            redirect.addFlashAttribute("notice", errors.message("people.state.changed." + state));
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
        }
        return "redirect:/registrar/people/" + accountId;
    }

    /** A lost or stolen phone: suspend its Soft Token at once (R12; the full lost-phone process is issue 6). */
    @PostMapping("/{accountId}/suspend-token")
    String suspendToken(@AuthenticationPrincipal KhlangUser user, @PathVariable long accountId,
                        @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        served(accountId, user);
        if (reason.isBlank() || reason.length() > 500) {
            redirect.addFlashAttribute("problem", errors.message("problem.account.reasonRequired"));
        } else {
            softTokens.suspend(accountId, reason.strip(), user.actor());
            redirect.addFlashAttribute("notice", errors.message("people.token.suspended"));
        }
        return "redirect:/registrar/people/" + accountId;
    }

    /** The letter with the initial password: shown once, never cached, printable. */
    private String letter(IssuedCredential issued, Agency agency, Model model, HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("issued", issued);
        model.addAttribute("agency", agency);
        model.addAttribute("today", LocalDate.now(clock));
        return "registrar/letter";
    }

    private PersonAccount served(long accountId, KhlangUser user) {
        return credentials.person(accountId, user.actor())
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "account.notFound"));
    }

    private Agency agency(String code) {
        try {
            return agencies.byCode(new AgencyCode(code)).orElseThrow(() -> new KhlangProblem(ProblemKind.INVALID,
                    "person.invalid", java.util.List.of(FieldProblem.of("agencyCode", "agency.notFoundCode", code))));
        } catch (InvalidValueException invalid) {
            throw new KhlangProblem(ProblemKind.INVALID, "person.invalid",
                    java.util.List.of(FieldProblem.of("agencyCode", "agencyCode.format")));
        }
    }
}
