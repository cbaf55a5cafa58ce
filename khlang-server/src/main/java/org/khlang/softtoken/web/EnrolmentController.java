package org.khlang.softtoken.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.khlang.authority.Agencies;
import org.khlang.proofing.ProofingLogin;
import org.khlang.proofing.Proofings;
import org.khlang.shared.Actor;
import org.khlang.shared.ActorPrincipal;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.web.FormErrors;
import org.khlang.softtoken.ActivationCode;
import org.khlang.softtoken.RegistrationWindow;
import org.khlang.softtoken.RegistrationWindows;
import org.khlang.softtoken.SoftTokens;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Registering the Soft Token (design.md 4.1): within the window (R16), prove identity at the provider (R7), then
 * take a one-time activation code to the authenticator. Shown once; never cached.
 */
@Controller
@RequestMapping("/softtoken")
class EnrolmentController {

    private final SoftTokens softTokens;
    private final Proofings proofings;
    private final ProofingLogin proofing;
    private final RegistrationWindows windows;
    private final Agencies agencies;
    private final FormErrors errors;

    EnrolmentController(SoftTokens softTokens, Proofings proofings, ProofingLogin proofing,
                        RegistrationWindows windows, Agencies agencies, FormErrors errors) {
        this.softTokens = softTokens;
        this.proofings = proofings;
        this.proofing = proofing;
        this.windows = windows;
        this.agencies = agencies;
        this.errors = errors;
    }

    @GetMapping
    String page(Actor actor, HttpSession session, Model model) {
        Object outcome = session.getAttribute(ProofingLogin.OUTCOME_ATTRIBUTE);
        session.removeAttribute(ProofingLogin.OUTCOME_ATTRIBUTE);
        model.addAttribute("proofingOutcome", outcome);
        return view(actor, model);
    }

    @PostMapping("/activation")
    String activation(Actor actor, Model model, HttpServletRequest request, HttpServletResponse response) {
        try {
            ActivationCode code = softTokens.issueActivationCode(actor.accountId(), actor);
            response.setHeader("Cache-Control", "no-store");
            String link = baseUrl(request) + "/authenticator/#code=" + code.code();
            model.addAttribute("activation", code);
            model.addAttribute("activationLink", link);
            model.addAttribute("qr", org.khlang.shared.web.QrCodes.svgDataUri(link));
        } catch (KhlangProblem problem) {
            errors.show(model, problem);
            response.setStatus(problem.kind().httpStatus());
        }
        return view(actor, model);
    }

    private String view(Actor actor, Model model) {
        Long agencyId = agencyOf();
        RegistrationWindow window = windows.forAgency(agencyId);
        model.addAttribute("device", softTokens.activeDevice(actor.accountId()).orElse(null));
        model.addAttribute("window", window);
        model.addAttribute("office", window.registrarOfficeId() == null ? null
                : agencies.registrarOffice(window.registrarOfficeId()).orElse(null));
        model.addAttribute("proofed", proofings.usableFor(actor.accountId()).orElse(null));
        model.addAttribute("proofingAvailable", proofing.available());
        return "softtoken/enrol";
    }

    private static Long agencyOf() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof ActorPrincipal principal
                ? principal.agencyId() : null;
    }

    private static String baseUrl(HttpServletRequest request) {
        String url = request.getRequestURL().toString();
        return url.substring(0, url.length() - request.getRequestURI().length()) + request.getContextPath();
    }
}
