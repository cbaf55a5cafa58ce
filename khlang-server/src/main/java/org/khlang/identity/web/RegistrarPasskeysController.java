package org.khlang.identity.web;

import java.util.List;

import org.khlang.identity.Credentials;
import org.khlang.identity.KhlangUser;
import org.khlang.identity.PersonAccount;
import org.khlang.identity.internal.Passkeys;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.khlang.shared.web.FormErrors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * New passkeys that replace a lost one of a person whom the policy requires to use one: the registrar checks the
 * person and approves (issue 17; NIST SP 800-63B-4 4.2, replacement of a lost authenticator). People of an agency are
 * approved by a registrar serving it; the treasury's own staff (no agency) by any registrar but themselves.
 */
@Controller
@RequestMapping("/registrar/passkeys")
class RegistrarPasskeysController {

    private static final int LIMIT = 200;

    private final Passkeys passkeys;
    private final Credentials credentials;
    private final FormErrors errors;

    RegistrarPasskeysController(Passkeys passkeys, Credentials credentials, FormErrors errors) {
        this.passkeys = passkeys;
        this.credentials = credentials;
        this.errors = errors;
    }

    @GetMapping
    String list(@AuthenticationPrincipal KhlangUser user, Model model) {
        List<Passkeys.Awaiting> awaiting = passkeys.awaitingApproval(LIMIT).stream()
                .filter(waiting -> mayApprove(waiting.accountId(), waiting.agencyId(), user)).toList();
        model.addAttribute("awaiting", awaiting);
        model.addAttribute("self", user.accountId());
        return "registrar/passkeys";
    }

    @PostMapping("/approve")
    String approve(@AuthenticationPrincipal KhlangUser user, @RequestParam long accountId,
                   @RequestParam(defaultValue = "") String credentialId, @RequestParam(defaultValue = "") String reason,
                   @RequestParam(defaultValue = "") String back, RedirectAttributes redirect) {
        PersonAccount holder = credentials.self(accountId);
        if (!mayApprove(accountId, holder.person().agencyId(), user)) {
            throw new KhlangProblem(ProblemKind.NOT_FOUND, "account.notFound");
        }
        try {
            passkeys.approve(accountId, credentialId, reason, user.actor());
            redirect.addFlashAttribute("notice", errors.message("passkey.approved"));
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
        }
        return back.equals("person") ? "redirect:/registrar/people/" + accountId : "redirect:/registrar/passkeys";
    }

    private boolean mayApprove(long accountId, Long agencyId, KhlangUser registrar) {
        return agencyId == null || credentials.person(accountId, registrar.actor()).isPresent();
    }
}
