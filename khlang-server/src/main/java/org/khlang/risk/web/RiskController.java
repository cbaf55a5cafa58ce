package org.khlang.risk.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpSession;
import org.khlang.authority.Agencies;
import org.khlang.authority.Agency;
import org.khlang.authority.Rights;
import org.khlang.calendar.ThaiDates;
import org.khlang.risk.RiskChecks;
import org.khlang.risk.RiskFinding;
import org.khlang.shared.Actor;
import org.khlang.shared.ActorPrincipal;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.khlang.shared.report.ReportTable;
import org.khlang.shared.report.ReportTable.Column;
import org.khlang.shared.report.XlsxReports;
import org.khlang.shared.web.FormErrors;
import org.khlang.shared.web.Messages;
import org.khlang.softtoken.SoftTokens;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The risk inbox (issue 20) for the agency head and internal audit of the agency, with the evidence, paging and
 * XLSX; the release of a hold, confirmed on the head's own phone; the summary per agency for the registrar.
 */
@Controller
class RiskController {

    static final int EXPORT_LIMIT = 10_000;
    private static final String PENDING = "risk.pending.";

    private final RiskChecks risk;
    private final Agencies agencies;
    private final Rights rights;
    private final SoftTokens softTokens;
    private final FormErrors errors;
    private final Messages messages;
    private final ThaiDates dates;
    private final Clock clock;

    RiskController(RiskChecks risk, Agencies agencies, Rights rights, SoftTokens softTokens, FormErrors errors,
                   Messages messages, ThaiDates dates, Clock clock) {
        this.risk = risk;
        this.agencies = agencies;
        this.rights = rights;
        this.softTokens = softTokens;
        this.errors = errors;
        this.messages = messages;
        this.dates = dates;
        this.clock = clock;
    }

    @GetMapping("/risk")
    String inbox(Authentication authentication, @RequestParam(defaultValue = "false") boolean open,
                 @RequestParam(defaultValue = "0") int page, Model model) {
        Agency agency = agency(authentication);
        model.addAttribute("agency", agency);
        model.addAttribute("open", open);
        model.addAttribute("page", risk.inbox(agency.id(), open, page));
        return "risk/inbox";
    }

    @GetMapping("/risk.xlsx")
    ResponseEntity<byte[]> export(Authentication authentication, Actor actor,
                                  @RequestParam(defaultValue = "false") boolean open) {
        Agency agency = agency(authentication);
        List<List<Object>> rows = new ArrayList<>();
        for (RiskFinding finding : risk.export(agency.id(), open, EXPORT_LIMIT)) {
            rows.add(List.of(dates.dateTime(finding.raisedAt()), finding.documentNumber(),
                    messages.current("risk.rule." + finding.rule()), messages.current(finding.hold()
                            ? "risk.outcome.HOLD" : "risk.outcome.FLAG"),
                    messages.current("risk.stage", finding.stage()), finding.reason(LocaleContextHolder.getLocale()),
                    finding.evidence(), status(finding)));
        }
        ReportTable table = new ReportTable(messages.current("risk.title"),
                List.of(agency.name(LocaleContextHolder.getLocale()) + " (" + agency.code().value() + ")"),
                List.of(Column.text(messages.current("risk.raisedAt")), Column.text(messages.current("money.number")),
                        Column.text(messages.current("risk.rule")), Column.text(messages.current("risk.outcome")),
                        Column.text(messages.current("risk.stageHeader")), Column.text(messages.current("risk.reason")),
                        Column.text(messages.current("risk.evidence")), Column.text(messages.current("risk.status"))),
                rows, null, messages.current("report.generated", actor.username(), dates.dateTime(clock.instant())));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("risk-" + agency.code().value() + ".xlsx", StandardCharsets.UTF_8).build().toString())
                .body(XlsxReports.write(table));
    }

    @GetMapping("/risk/{id}")
    String finding(Authentication authentication, @PathVariable long id, Model model) {
        model.addAttribute("finding", own(authentication, id));
        return "risk/finding";
    }

    @PostMapping("/risk/{id}/release")
    String askRelease(Authentication authentication, Actor actor, @PathVariable long id,
                      @RequestParam(defaultValue = "") String note, HttpSession session,
                      RedirectAttributes redirect) {
        own(authentication, id);
        try {
            session.setAttribute(PENDING + id, risk.askRelease(id, note, actor));
            session.setAttribute(PENDING + id + ".note", note);
            return "redirect:/risk/" + id + "/confirm";
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
            redirect.addFlashAttribute("note", note);
            return "redirect:/risk/" + id;
        }
    }

    @GetMapping("/risk/{id}/confirm")
    String confirm(Authentication authentication, Actor actor, @PathVariable long id, HttpSession session,
                   Model model) {
        model.addAttribute("finding", own(authentication, id));
        model.addAttribute("state", state((String) session.getAttribute(PENDING + id), actor));
        return "risk/confirm";
    }

    @GetMapping("/risk/{id}/confirm/status")
    @ResponseBody
    Map<String, String> confirmState(Actor actor, @PathVariable long id, HttpSession session) {
        return Map.of("state", state((String) session.getAttribute(PENDING + id), actor));
    }

    @PostMapping("/risk/{id}/confirm")
    String release(Authentication authentication, Actor actor, @PathVariable long id, HttpSession session,
                   RedirectAttributes redirect) {
        own(authentication, id);
        String confirmation = (String) session.getAttribute(PENDING + id);
        String note = (String) session.getAttribute(PENDING + id + ".note");
        session.removeAttribute(PENDING + id);
        session.removeAttribute(PENDING + id + ".note");
        try {
            RiskFinding released = risk.release(id, confirmation, note, actor);
            redirect.addFlashAttribute("notice", errors.message("risk.released", released.documentNumber()));
        } catch (KhlangProblem problem) {
            redirect.addFlashAttribute("problem", errors.message(problem));
        }
        return "redirect:/risk/" + id;
    }

    /** The registrar's summary: every agency their offices serve that has a finding. */
    @GetMapping("/registrar/risk")
    String summary(Actor actor, Model model) {
        Set<Long> offices = rights.registrarOfficesOf(actor.accountId(), LocalDate.now(clock));
        List<Long> served = new ArrayList<>();
        for (Long office : offices) {
            int page = 0;
            org.khlang.shared.Page<Agency> found;
            do {
                found = agencies.search("", office, page++, org.khlang.shared.Page.MAX_SIZE);
                found.items().forEach(agency -> served.add(agency.id()));
            } while (found.hasNext());
        }
        model.addAttribute("summaries", risk.summary(served));
        return "registrar/risk";
    }

    private String status(RiskFinding finding) {
        if (!finding.hold()) {
            return messages.current("risk.status.flag");
        }
        return finding.open() ? messages.current("risk.status.open")
                : messages.current("risk.status.released", dates.dateTime(finding.releasedAt()));
    }

    private String state(String confirmation, Actor actor) {
        return confirmation == null ? "CANCELLED" : softTokens.approvalState(confirmation, actor.accountId()).name();
    }

    private RiskFinding own(Authentication authentication, long id) {
        Agency agency = agency(authentication);
        return risk.find(id).filter(found -> found.agencyId() == agency.id())
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "risk.finding.notFound"));
    }

    private Agency agency(Authentication authentication) {
        Long agencyId = authentication != null && authentication.getPrincipal() instanceof ActorPrincipal principal
                ? principal.agencyId() : null;
        return agencies.byId(agencyId == null ? -1 : agencyId)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.FORBIDDEN, "forbidden"));
    }
}
