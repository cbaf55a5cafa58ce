package org.khlang.audit.web;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.khlang.audit.AuditEntry;
import org.khlang.audit.AuditLog;
import org.khlang.audit.AuditQuery;
import org.khlang.audit.AuditRecord;
import org.khlang.audit.AuditTrail;
import org.khlang.shared.Actor;
import org.khlang.shared.ActorPrincipal;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.khlang.shared.report.ReportTable;
import org.khlang.shared.report.XlsxReports;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit-trail search for internal auditors (R14): who, what, when, which agency, which document; on screen and
 * exported as CSV or XLSX. An agency's auditor sees only that agency's events; an auditor of the Comptroller
 * General's Department (no agency) sees all. Every export is itself audited.
 */
@Controller
class AuditTrailController {

    static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");
    static final int EXPORT_MAX = 50_000;

    private final AuditTrail trail;
    private final AuditLog audit;

    AuditTrailController(AuditTrail trail, AuditLog audit) {
        this.trail = trail;
        this.audit = audit;
    }

    @GetMapping("/audit/trail")
    Object search(Authentication authentication, Actor actor, @RequestParam(required = false) String who,
                  @RequestParam(required = false) String action, @RequestParam(required = false) String target,
                  @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                  @RequestParam(required = false) Long agency, @RequestParam(defaultValue = "0") int page,
                  @RequestParam(defaultValue = "html") String format, Model model) {
        Long own = authentication.getPrincipal() instanceof ActorPrincipal principal ? principal.agencyId() : null;
        AuditQuery query = new AuditQuery(who, action, own != null ? own : agency, target, day(from, false),
                day(to, true));
        if (format.equals("csv") || format.equals("xlsx")) {
            List<AuditRecord> events = trail.export(query, EXPORT_MAX);
            audit.append(AuditEntry.of("audit.trail.exported").by(actor.username(), actor.accountId()).agency(own)
                    .with("format", format).with("events", events.size()).with("action", query.action())
                    .with("target", query.target()).build());
            return format.equals("csv") ? csv(events) : xlsx(events, actor);
        }
        if (!format.equals("html")) {
            throw new KhlangProblem(ProblemKind.INVALID, "report.format");
        }
        model.addAttribute("page", trail.search(query, page, 50));
        model.addAttribute("who", who);
        model.addAttribute("action", action);
        model.addAttribute("target", target);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("agency", own != null ? own : agency);
        model.addAttribute("fixedAgency", own != null);
        return "audit/trail";
    }

    private static ResponseEntity<byte[]> csv(List<AuditRecord> events) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("seq", "occurred_at",
                "actor", "actor_account_id", "device_id", "agency_id", "action", "target", "details", "hash").get())) {
            for (AuditRecord event : events) {
                printer.printRecord(event.sequence(), event.occurredAt(), event.actor(), event.actorAccountId(),
                        event.deviceId(), event.agencyId(), event.action(), event.target(), event.details(),
                        event.hash());
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, bom.length);
        System.arraycopy(body, 0, all, bom.length, body.length);
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"audit-trail.csv\"").body(all);
    }

    private static ResponseEntity<byte[]> xlsx(List<AuditRecord> events, Actor actor) {
        List<List<Object>> rows = new ArrayList<>();
        for (AuditRecord event : events) {
            rows.add(List.of(event.sequence(), event.occurredAt().toString(), event.actor(),
                    String.valueOf(event.agencyId()), event.action(), String.valueOf(event.target()),
                    event.details(), event.hash()));
        }
        ReportTable table = new ReportTable("Audit trail", List.of(), List.of(ReportTable.Column.text("seq"),
                ReportTable.Column.text("occurred_at"), ReportTable.Column.text("actor"),
                ReportTable.Column.text("agency_id"), ReportTable.Column.text("action"),
                ReportTable.Column.text("target"), ReportTable.Column.text("details"),
                ReportTable.Column.text("hash")), rows, null, "exported by " + actor.username());
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .header("Content-Disposition", "attachment; filename=\"audit-trail.xlsx\"")
                .body(XlsxReports.write(table));
    }

    private static Instant day(String text, boolean end) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text.strip());
            return (end ? date.plusDays(1) : date).atStartOfDay(BANGKOK).toInstant();
        } catch (DateTimeParseException invalid) {
            throw new KhlangProblem(ProblemKind.INVALID, "report.date");
        }
    }
}
