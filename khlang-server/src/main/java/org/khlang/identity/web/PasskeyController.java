package org.khlang.identity.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.khlang.identity.KhlangUser;
import org.khlang.identity.internal.Passkeys;
import org.khlang.identity.internal.PhoneLogins;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.web.FormErrors;
import org.khlang.shared.web.ProblemWriter;
import org.khlang.softtoken.RequestState;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Passkeys in the browser: registration on the person's own page (confirmed on the phone), and the passkey step of
 * a sign-in between the password and the phone. The ceremonies' options live in the session, so any node finishes
 * them.
 */
@Controller
class PasskeyController {

    private static final String CEREMONY = PasskeyController.class.getName() + ".ceremony";
    private static final String CONFIRMATION = PasskeyController.class.getName() + ".confirmation";
    private static final String SIGN_IN = PasskeyController.class.getName() + ".signIn";

    private final Passkeys passkeys;
    private final PhoneLogins phoneLogins;
    private final FormErrors errors;
    private final ProblemWriter problems;

    PasskeyController(Passkeys passkeys, PhoneLogins phoneLogins, FormErrors errors, ProblemWriter problems) {
        this.passkeys = passkeys;
        this.phoneLogins = phoneLogins;
        this.errors = errors;
        this.problems = problems;
    }

    /** The ceremonies' calls come from the page's script: their refusals are RFC 9457 problems it can show. */
    @ExceptionHandler(KhlangProblem.class)
    void refused(KhlangProblem problem, HttpServletRequest request, HttpServletResponse response)
            throws java.io.IOException {
        problems.write(request, response, problem.kind().httpStatus(), problem.code());
    }

    // ---------------------------------------------------------------- registration, on /account

    @PostMapping(value = "/account/passkeys/options", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    String registrationOptions(@AuthenticationPrincipal KhlangUser user, HttpSession session) {
        Map.Entry<String, Passkeys.Ceremony> options = passkeys.registrationOptions(user);
        session.setAttribute(CEREMONY, options.getValue());
        return options.getKey();
    }

    @PostMapping(value = "/account/passkeys", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, String> register(@AuthenticationPrincipal KhlangUser user,
                                 @RequestParam(defaultValue = "") String label,
                                 @RequestParam(defaultValue = "") String credential, HttpSession session) {
        Passkeys.Ceremony ceremony = (Passkeys.Ceremony) session.getAttribute(CEREMONY);
        session.removeAttribute(CEREMONY);
        Passkeys.Confirmation confirmation = passkeys.register(user, ceremony, credential, label);
        session.setAttribute(CONFIRMATION, confirmation);
        return Map.of("next", "/account/passkeys/confirm");
    }

    @GetMapping("/account/passkeys/confirm")
    String confirmation(@AuthenticationPrincipal KhlangUser user, HttpSession session, Model model) {
        Passkeys.Confirmation confirmation = (Passkeys.Confirmation) session.getAttribute(CONFIRMATION);
        if (confirmation == null) {
            return "redirect:/account";
        }
        model.addAttribute("label", confirmation.label());
        model.addAttribute("state", passkeys.confirmationState(user, confirmation).name());
        return "account/passkey-confirm";
    }

    @GetMapping(value = "/account/passkeys/confirm/status", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, String> confirmationStatus(@AuthenticationPrincipal KhlangUser user, HttpSession session) {
        Passkeys.Confirmation confirmation = (Passkeys.Confirmation) session.getAttribute(CONFIRMATION);
        return Map.of("state", confirmation == null ? RequestState.CANCELLED.name()
                : passkeys.confirmationState(user, confirmation).name());
    }

    @PostMapping("/account/passkeys/confirm")
    String activate(@AuthenticationPrincipal KhlangUser user, HttpSession session, RedirectAttributes redirect) {
        Passkeys.Confirmation confirmation = (Passkeys.Confirmation) session.getAttribute(CONFIRMATION);
        Passkeys.Activation activation = confirmation == null ? Passkeys.Activation.NOT_CONFIRMED
                : passkeys.activate(user, confirmation);
        if (activation != Passkeys.Activation.NOT_CONFIRMED) {
            session.removeAttribute(CONFIRMATION);
            redirect.addFlashAttribute("notice", errors.message(activation == Passkeys.Activation.ACTIVE
                    ? "passkey.activated" : "passkey.awaitingRegistrar", confirmation.label()));
            return "redirect:/account";
        }
        if (confirmation == null || passkeys.confirmationState(user, confirmation) != RequestState.PENDING) {
            session.removeAttribute(CONFIRMATION);
            redirect.addFlashAttribute("problem", errors.message("problem.passkey.notConfirmed"));
            return "redirect:/account";
        }
        return "redirect:/account/passkeys/confirm";
    }

    /** The owner suspends one of their passkeys at once (lost computer or key). */
    @PostMapping("/account/passkeys/suspend")
    String suspendOwn(@AuthenticationPrincipal KhlangUser user, @RequestParam(defaultValue = "") String credentialId,
                      @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        try {
            boolean suspended = passkeys.suspend(user.accountId(), credentialId, reason, user.actor());
            redirect.addFlashAttribute(suspended ? "notice" : "problem", suspended
                    ? errors.message("passkey.suspended") : errors.message("problem.passkey.notFound"));
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
        }
        return "redirect:/account";
    }

    // ---------------------------------------------------------------- sign-in, between the password and the phone

    @GetMapping("/login/passkey")
    String signInPage(@AuthenticationPrincipal KhlangUser user, HttpServletRequest request) {
        return phoneLogins.passkeyMissing(user, request) ? "login-passkey" : "redirect:/login/confirm";
    }

    @PostMapping(value = "/login/passkey/options", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    String signInOptions(@AuthenticationPrincipal KhlangUser user, HttpSession session) {
        PublicKeyCredentialRequestOptions options = passkeys.signInOptions(user);
        session.setAttribute(SIGN_IN, options);
        return passkeys.toJson(options);
    }

    @PostMapping(value = "/login/passkey", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, String> signIn(@AuthenticationPrincipal KhlangUser user,
                                               @RequestParam(defaultValue = "") String credential,
                                               HttpServletRequest request) {
        HttpSession session = request.getSession();
        PublicKeyCredentialRequestOptions options = (PublicKeyCredentialRequestOptions) session.getAttribute(SIGN_IN);
        session.removeAttribute(SIGN_IN); // one assertion per challenge
        passkeys.verifySignIn(user, options, credential);
        session.setAttribute(PhoneLogins.PASSKEY_VERIFIED, Boolean.TRUE);
        java.util.Optional<String> phone = phoneLogins.ask(user, request);
        return Map.of("next", phone.map(query -> "/login?" + query).orElse("/login/confirm"));
    }
}
