package org.khlang.identity.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import jakarta.servlet.http.HttpServletRequest;
import org.khlang.authority.Agencies;
import org.khlang.authority.Rights;
import org.khlang.calendar.ThaiDates;
import org.khlang.identity.Credentials;
import org.khlang.identity.KhlangUser;
import org.khlang.identity.PasswordChange;
import org.khlang.identity.PersonAccount;
import org.khlang.identity.Passwords;
import org.khlang.softtoken.SoftTokens;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Sign-in page, home page, my account and the password change. */
@Controller
class AccountController {

    private final Credentials credentials;
    private final Passwords passwords;
    private final Agencies agencies;
    private final Rights rights;
    private final Clock clock;
    private final SoftTokens softTokens;

    private final org.khlang.identity.internal.Passkeys passkeys;

    AccountController(Credentials credentials, Passwords passwords, Agencies agencies, Rights rights, Clock clock,
                      SoftTokens softTokens, org.khlang.identity.internal.Passkeys passkeys) {
        this.passkeys = passkeys;
        this.softTokens = softTokens;
        this.credentials = credentials;
        this.passwords = passwords;
        this.agencies = agencies;
        this.rights = rights;
        this.clock = clock;
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String until, Model model) {
        if (until != null) {
            try {
                model.addAttribute("waitUntil", DateTimeFormatter.ofPattern("HH:mm:ss")
                        .format(Instant.parse(until).atZone(ThaiDates.BANGKOK)));
            } catch (DateTimeParseException ignored) {
                model.addAttribute("waitUntil", "");
            }
        }
        return "login";
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal KhlangUser user, Model model) {
        model.addAttribute("agency", user.agencyId() == null ? null : agencies.byId(user.agencyId()).orElse(null));
        model.addAttribute("rights", rights.effectiveOn(user.accountId(), LocalDate.now(clock)));
        model.addAttribute("device", softTokens.activeDevice(user.accountId()).orElse(null));
        return "home";
    }

    @GetMapping("/account")
    String account(@AuthenticationPrincipal KhlangUser user, Model model) {
        PersonAccount holder = credentials.self(user.accountId());
        model.addAttribute("holder", holder);
        model.addAttribute("agency", holder.person().agencyId() == null ? null
                : agencies.byId(holder.person().agencyId()).orElse(null));
        model.addAttribute("status", passwords.status(user.accountId()));
        model.addAttribute("rights", rights.history(user.accountId()));
        model.addAttribute("passkeys", passkeys.of(user.accountId()));
        model.addAttribute("device", softTokens.activeDevice(user.accountId()).orElse(null));
        return "account/account";
    }

    @GetMapping("/account/password")
    String passwordForm(@AuthenticationPrincipal KhlangUser user, Model model) {
        model.addAttribute("status", passwords.status(user.accountId()));
        return "account/password";
    }

    @PostMapping("/account/password")
    String changePassword(@AuthenticationPrincipal KhlangUser user, @RequestParam String current,
                          @RequestParam String proposed, @RequestParam String confirm, HttpServletRequest request,
                          Model model) {
        if (!proposed.equals(confirm)) {
            model.addAttribute("reasons", java.util.List.of("password.mismatch"));
            model.addAttribute("status", passwords.status(user.accountId()));
            return "account/password";
        }
        PasswordChange change = passwords.change(user.accountId(), current, proposed);
        if (change instanceof PasswordChange.Refused refused) {
            model.addAttribute("reasons", refused.reasons());
            model.addAttribute("status", passwords.status(user.accountId()));
            return "account/password";
        }
        request.changeSessionId(); // a new password, a new session id
        return "redirect:/?changed";
    }
}
