package org.khlang.audit.web;

import org.khlang.audit.AuditEntry;
import org.khlang.audit.AuditLog;
import org.khlang.audit.ChainVerification;
import org.khlang.shared.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** Administrators and internal auditors verify the audit chain (R14) and read its newest events. */
@Controller
@RequestMapping("/audit/verify")
class AuditController {

    private static final int LATEST = 50;

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping
    String page(Model model) {
        model.addAttribute("latest", audit.latest(LATEST));
        return "audit/verify";
    }

    @PostMapping
    String verify(Actor actor, Model model) {
        ChainVerification verification = audit.verify();
        record(actor, verification, audit);
        switch (verification) {
            case ChainVerification.Intact intact -> model.addAttribute("intact", intact);
            case ChainVerification.Broken broken -> model.addAttribute("broken", broken);
        }
        model.addAttribute("latest", audit.latest(LATEST));
        return "audit/verify";
    }

    /** The verification itself is an event: who checked, and what they found. */
    static void record(Actor actor, ChainVerification verification, AuditLog audit) {
        AuditEntry.Builder entry = AuditEntry.of("audit.chain.verified").by(actor.username(), actor.accountId())
                .with("events", verification.eventsChecked());
        if (verification instanceof ChainVerification.Broken broken) {
            entry.with("brokenAt", broken.sequence()).with("reason", broken.reason());
        }
        audit.append(entry.build());
    }
}
