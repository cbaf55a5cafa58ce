package org.khlang.proofing.web;

import jakarta.servlet.http.HttpSession;
import org.khlang.proofing.ProofingLogin;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Starts identity proofing for the signed-in person: keep the sign-in, then off to the provider (R7). */
@Controller
class ProofingController {

    private final ProofingLogin proofing;

    ProofingController(ProofingLogin proofing) {
        this.proofing = proofing;
    }

    @GetMapping(ProofingLogin.START_PATH)
    String start(HttpSession session) {
        if (!proofing.available()) {
            return "redirect:/softtoken?proofing=unavailable";
        }
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        session.setAttribute(ProofingLogin.HOLDER_ATTRIBUTE, current);
        return "redirect:/oauth2/authorization/paotang";
    }
}
