package org.khlang.compliance.web;

import org.khlang.compliance.ComplianceReports;
import org.khlang.shared.ActorPrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The compliance report for INTERNAL_AUDITOR: its own agency, or every agency for an auditor of the Comptroller
 * General's Department (who belongs to none). Read only: this controller has no write endpoint at all.
 */
@Controller
class ComplianceController {

    private final ComplianceReports reports;

    ComplianceController(ComplianceReports reports) {
        this.reports = reports;
    }

    @GetMapping("/audit/compliance")
    String report(Authentication authentication, Model model) {
        Long agencyId = authentication.getPrincipal() instanceof ActorPrincipal principal ? principal.agencyId() : null;
        model.addAttribute("report", reports.report(agencyId));
        return "audit/compliance";
    }
}
