package org.khlang.identity.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.khlang.identity.KhlangUser;
import org.khlang.identity.internal.PhoneLogins;
import org.khlang.softtoken.RequestState;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The browser's half of a Soft Token login: show the number, wait for the phone, or take an offline code. */
@Controller
@RequestMapping("/login/confirm")
class LoginConfirmController {

    private final PhoneLogins phoneLogins;

    LoginConfirmController(PhoneLogins phoneLogins) {
        this.phoneLogins = phoneLogins;
    }

    /** The page with the number: GET, and POST when the password's answer is forwarded here. It only reads. */
    @RequestMapping(method = {RequestMethod.GET, RequestMethod.POST})
    String page(@AuthenticationPrincipal KhlangUser user, HttpServletRequest request, Model model) {
        PhoneLogins.Pending pending = PhoneLogins.pending(request.getSession());
        String number = pending == null ? null : pending.number();
        model.addAttribute("number", number);
        // Grouped 3 + 3 so that it is read and typed without slips; the QR carries the secret and its request to the
        // authenticator's camera (the same secret, bound to this request: ASVS 5.0 6.6.2).
        model.addAttribute("numberHead", number == null ? null : number.substring(0, 3));
        model.addAttribute("numberTail", number == null ? null : number.substring(3));
        model.addAttribute("qr", number == null ? null
                : org.khlang.shared.web.QrCodes.svgDataUri(signInQr(pending.requestId(), number)));
        model.addAttribute("expiresAt", pending == null ? null : pending.expiresAt());
        model.addAttribute("state", phoneLogins.state(user, request).name());
        return "login-confirm";
    }

    /** What the sign-in QR code says: the authenticator reads the request and the six digits from it. */
    static String signInQr(String requestId, String number) {
        return "khlang:signin?r=" + requestId + "&n=" + number;
    }

    /** Polled by the page every second or two; the state lives in the database, so any node can answer. */
    @GetMapping("/status")
    @ResponseBody
    Map<String, String> status(@AuthenticationPrincipal KhlangUser user, HttpSession session) {
        return Map.of("state", phoneLogins.state(user, session).name());
    }

    /**
     * The page's script asks to complete every second or two: while the phone has not answered it is told the state
     * and waits; once approved, the same call signs in (new session id in its cookie) and names the next page. One
     * request per wait, none extra at the end; a phone that denied or a request that expired ends the wait.
     */
    @PostMapping(value = "/complete", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, String> completeWhenApproved(@AuthenticationPrincipal KhlangUser user, HttpServletRequest request,
                                             HttpServletResponse response) {
        // While the phone has not answered, one read and nothing written; the approval is consumed (once, guarded
        // by its state) only when the read finds it.
        RequestState state = phoneLogins.state(user, request.getSession());
        if (state == RequestState.APPROVED) {
            if (phoneLogins.complete(user, request, response)) {
                return Map.of("state", "SIGNED_IN", "next", request.getContextPath() + "/");
            }
            state = phoneLogins.state(user, request.getSession());
        }
        return Map.of("state", state.name());
    }

    /** The button of the page without its script (or after the script has seen the approval). */
    @PostMapping("/complete")
    String complete(@AuthenticationPrincipal KhlangUser user, HttpServletRequest request,
                    HttpServletResponse response) {
        if (phoneLogins.complete(user, request, response)) {
            return "redirect:/";
        }
        return "redirect:/login/confirm?state=" + phoneLogins.state(user, request.getSession()).name();
    }

    @PostMapping("/code")
    String code(@AuthenticationPrincipal KhlangUser user, @RequestParam(defaultValue = "") String code,
                HttpServletRequest request, HttpServletResponse response) {
        if (phoneLogins.completeWithCode(user, code, request, response)) {
            return "redirect:/";
        }
        return "redirect:/login/confirm?code=wrong";
    }

    @PostMapping("/again")
    String again(@AuthenticationPrincipal KhlangUser user, HttpServletRequest request) {
        java.util.Optional<String> refused = phoneLogins.ask(user, request);
        if (refused.isEmpty()) {
            return "redirect:/login/confirm";
        }
        if (refused.get().equals("passkey")) {
            return "redirect:/login/passkey";
        }
        request.getSession().invalidate();
        return "redirect:/login?" + refused.get();
    }

}
