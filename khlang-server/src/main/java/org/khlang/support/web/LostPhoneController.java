package org.khlang.support.web;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

import org.khlang.identity.PersonAccount;
import org.khlang.identity.PersonLookup;
import org.khlang.shared.Actor;
import org.khlang.shared.ActorPrincipal;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.khlang.shared.web.FormErrors;
import org.khlang.softtoken.SoftTokens;
import org.khlang.support.LostDeviceReport;
import org.khlang.support.LostDevices;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * R12 screens: the lost-phone page anyone can open without signing in (the phone is gone, so is the second factor),
 * the Contact Center console, the head's letters and the registrar's acceptance and approval of a new phone.
 */
@Controller
class LostPhoneController {

    private final LostDevices lost;
    private final PersonLookup people;
    private final org.khlang.identity.PersonPasskeys passkeys;
    private final SoftTokens softTokens;
    private final FormErrors errors;
    private final Clock clock;

    LostPhoneController(LostDevices lost, PersonLookup people, SoftTokens softTokens, FormErrors errors, Clock clock,
                        org.khlang.identity.PersonPasskeys passkeys) {
        this.passkeys = passkeys;
        this.lost = lost;
        this.people = people;
        this.softTokens = softTokens;
        this.errors = errors;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- the holder, without the phone

    @GetMapping("/lost-phone")
    String form(Model model) {
        model.addAttribute("today", LocalDate.now(clock));
        return "support/lost-phone";
    }

    @PostMapping("/lost-phone")
    String report(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
                  @RequestParam(defaultValue = "") String lossDate, Model model) {
        model.addAttribute("today", LocalDate.now(clock));
        try {
            Optional<LostDeviceReport> report = lost.reportBySelf(username, password, date(lossDate));
            if (report.isEmpty()) {
                model.addAttribute("problem", errors.message("problem.lost.refused"));
                return "support/lost-phone";
            }
            model.addAttribute("report", report.get());
            return "support/lost-phone-done";
        } catch (KhlangProblem problem) {
            model.addAttribute("problem", errors.message(problem));
            return "support/lost-phone";
        }
    }

    // ---------------------------------------------------------------- the Contact Center

    @GetMapping("/helpdesk")
    String console(@RequestParam(required = false) String q, Model model) {
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("q", q);
        if (q != null && !q.isBlank()) {
            Optional<PersonAccount> found = people.find(q);
            model.addAttribute("found", found.orElse(null));
            found.ifPresent(person -> {
                model.addAttribute("device", softTokens.activeDevice(person.account().id()).orElse(null));
                model.addAttribute("reports", lost.forAccount(person.account().id()));
                model.addAttribute("pushHold", softTokens.pushHold(person.account().id()).orElse(null));
                model.addAttribute("passkeys", passkeys.of(person.account().id()));
            });
            model.addAttribute("searched", true);
        }
        model.addAttribute("flagged", lost.flagged());
        model.addAttribute("heldPushes", softTokens.heldPushes());
        model.addAttribute("now", clock.instant());
        return "support/helpdesk";
    }

    /** A caller's lost passkey (computer or security key): suspended at once, with the call's note. */
    @PostMapping("/helpdesk/people/{accountId}/passkeys/suspend")
    String suspendPasskey(Actor actor, @PathVariable long accountId, @RequestParam(defaultValue = "") String credentialId,
                          @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        String username = people.byAccountId(accountId).map(holder -> holder.account().username().value())
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "account.notFound"));
        try {
            redirect.addFlashAttribute("notice", passkeys.suspend(accountId, credentialId, reason, actor)
                    ? errors.message("passkey.suspended") : errors.message("problem.passkey.notFound"));
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
        }
        return "redirect:/helpdesk?q=" + java.net.URLEncoder.encode(username, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** NIST SP 800-63B-4 3.2.2: the Contact Center, having checked the caller, lifts a pause or lock of the pushes. */
    @PostMapping("/helpdesk/people/{accountId}/unlock-push")
    String unlockPush(Actor actor, @PathVariable long accountId, @RequestParam(defaultValue = "") String reason,
                      RedirectAttributes redirect) {
        String username = people.byAccountId(accountId).map(holder -> holder.account().username().value())
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "account.notFound"));
        try {
            redirect.addFlashAttribute("notice", softTokens.unlockPushes(accountId, reason, actor)
                    ? errors.message("push.unlock.done", username) : errors.message("push.unlock.nothing"));
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
        }
        return "redirect:/helpdesk?q=" + java.net.URLEncoder.encode(username, java.nio.charset.StandardCharsets.UTF_8);
    }

    @PostMapping("/helpdesk/people/{accountId}/lost")
    String helpdeskReport(Actor actor, @PathVariable long accountId, @RequestParam Map<String, String> form,
                          RedirectAttributes redirect) {
        String username = people.byAccountId(accountId).map(holder -> holder.account().username().value())
                .orElse("");
        try {
            LostDeviceReport report = lost.reportByHelpdesk(accountId, date(form.get("lossDate")),
                    form.get("callNote"), actor);
            redirect.addFlashAttribute("notice", errors.message("lost.suspended", report.username(),
                    report.letterDue()));
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
        }
        return "redirect:/helpdesk?q=" + java.net.URLEncoder.encode(username, java.nio.charset.StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- the agency head

    @GetMapping("/agency/lost-phones")
    String agencyReports(Authentication authentication, Model model) {
        model.addAttribute("reports", lost.forAgency(agencyOf(authentication)));
        return "support/agency-lost-phones";
    }

    @PostMapping("/agency/lost-phones/{id}/letter")
    String fileLetter(Authentication authentication, Actor actor, @PathVariable long id,
                      @RequestParam(required = false) MultipartFile file, RedirectAttributes redirect)
            throws IOException {
        ownAgency(authentication, id);
        try {
            if (file == null || file.isEmpty()) {
                throw new KhlangProblem(ProblemKind.INVALID, "lost.letter.required");
            }
            lost.fileLetter(id, file.getOriginalFilename(), file.getBytes(), actor);
            redirect.addFlashAttribute("notice", errors.message("lost.letter.filed"));
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
        }
        return "redirect:/agency/lost-phones";
    }

    // ---------------------------------------------------------------- the registrar

    @GetMapping("/registrar/lost-phones")
    String registrarReports(Actor actor, Model model) {
        model.addAttribute("reports", lost.forRegistrar(actor));
        return "support/registrar-lost-phones";
    }

    @GetMapping({"/registrar/lost-phones/{id}/letter", "/agency/lost-phones/{id}/letter"})
    ResponseEntity<byte[]> letter(Authentication authentication, Actor actor, @PathVariable long id) {
        LostDeviceReport report = lost.find(id)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "lost.notFound"));
        boolean registrar = authentication.getAuthorities().stream()
                .anyMatch(granted -> "ROLE_REGISTRAR".equals(granted.getAuthority()));
        if (registrar ? lost.forRegistrar(actor).stream().noneMatch(mine -> mine.id() == id)
                : report.agencyId() == null || report.agencyId() != agencyOf(authentication)) {
            throw new KhlangProblem(ProblemKind.NOT_FOUND, "lost.notFound");
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", ContentDisposition.attachment()
                        .filename(report.letterName() == null ? "letter.pdf" : report.letterName(),
                                java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .body(lost.letter(id));
    }

    @PostMapping("/registrar/lost-phones/{id}/accept")
    String accept(Actor actor, @PathVariable long id, RedirectAttributes redirect) {
        try {
            lost.acceptLetter(id, actor);
            redirect.addFlashAttribute("notice", errors.message("lost.letter.acceptedNotice"));
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
        }
        return "redirect:/registrar/lost-phones";
    }

    @PostMapping("/registrar/lost-phones/{id}/replacement")
    String approveReplacement(Actor actor, @PathVariable long id, RedirectAttributes redirect) {
        try {
            lost.approveReplacement(id, actor);
            redirect.addFlashAttribute("notice", errors.message("lost.replacement.approvedNotice"));
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
        }
        return "redirect:/registrar/lost-phones";
    }

    private void ownAgency(Authentication authentication, long id) {
        long agencyId = agencyOf(authentication);
        lost.find(id).filter(report -> report.agencyId() != null && report.agencyId() == agencyId)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "lost.notFound"));
    }

    private static long agencyOf(Authentication authentication) {
        if (authentication.getPrincipal() instanceof ActorPrincipal principal && principal.agencyId() != null) {
            return principal.agencyId();
        }
        throw new KhlangProblem(ProblemKind.FORBIDDEN, "forbidden");
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text == null ? "" : text.strip());
        } catch (DateTimeParseException invalid) {
            throw new KhlangProblem(ProblemKind.INVALID, "lost.lossDate");
        }
    }
}
