package org.khlang.risk.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.khlang.audit.AuditEntry;
import org.khlang.audit.AuditLog;
import org.khlang.authority.Right;
import org.khlang.authority.Rights;
import org.khlang.risk.RiskFinding;
import org.khlang.shared.Actor;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.khlang.softtoken.SoftTokens;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The release of a hold: the agency head, a third person, confirms on their own phone that the finding was examined,
 * with a note of what they checked. The phone signs the finding, its evidence and the note.
 */
@Component
class HoldReleases {

    static final int MAX_NOTE = 500;
    static final int MIN_NOTE = 10;

    private final JdbcRiskFindings findings;
    private final JdbcClient jdbc;
    private final Rights rights;
    private final SoftTokens softTokens;
    private final AuditLog audit;
    private final Clock clock;

    HoldReleases(JdbcRiskFindings findings, JdbcClient jdbc, Rights rights, SoftTokens softTokens, AuditLog audit,
                 Clock clock) {
        this.findings = findings;
        this.jdbc = jdbc;
        this.rights = rights;
        this.softTokens = softTokens;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    String ask(long findingId, String note, Actor head) {
        RiskFinding finding = findings.find(findingId)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "risk.finding.notFound"));
        String text = check(finding, note, head);
        Map<String, String> display = new LinkedHashMap<>();
        display.put("document", finding.documentNumber());
        display.put("detail_th", "ยืนยันว่าได้ตรวจสอบข้อสังเกตแล้ว\nเอกสาร " + finding.documentNumber() + "\n"
                + finding.rule().nameTh() + ": " + finding.reasonTh() + "\nผลการตรวจสอบ: " + text);
        return softTokens.requestApproval(head.accountId(), "ปลดการระงับจ่าย " + finding.documentNumber(),
                "Release the hold on " + finding.documentNumber(), display, content(finding, text)).id();
    }

    @Transactional
    RiskFinding release(long findingId, String confirmationId, String note, Actor head) {
        RiskFinding finding = findings.lock(findingId)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "risk.finding.notFound"));
        String text = check(finding, note, head);
        String signed = softTokens.consumeApproval(confirmationId, head.accountId(), content(finding, text))
                .orElseThrow(() -> new KhlangProblem(ProblemKind.CONFLICT, "withdrawal.confirmation.missing"));
        findings.release(findingId, head.accountId(), clock.instant(), text, signed);
        audit.append(AuditEntry.of("risk.hold.released").by(head.username(), head.accountId())
                .agency(finding.agencyId()).target(finding.withdrawalId() == null ? "risk:" + findingId
                        : "withdrawal:" + finding.withdrawalId())
                .with("finding", findingId).with("rule", finding.rule().name()).with("note", text)
                .with("sha256", content(finding, text)).build());
        return findings.find(findingId).orElseThrow();
    }

    /** An open hold; the agency head today; not the recorder, approver 1 or whoever's approval raised it. */
    private String check(RiskFinding finding, String note, Actor head) {
        if (!finding.open()) {
            throw new KhlangProblem(ProblemKind.CONFLICT, "risk.release.notOpen");
        }
        String target = "risk:" + finding.id();
        boolean isHead = rights.effectiveOn(head.accountId(), LocalDate.now(clock)).stream()
                .anyMatch(grant -> grant.right() == Right.AGENCY_HEAD && grant.agencyId() != null
                        && grant.agencyId() == finding.agencyId());
        if (!isHead) {
            throw refuse(head, finding, target, ProblemKind.FORBIDDEN, "risk.release.head");
        }
        Map<String, Object> people = finding.withdrawalId() == null ? Map.of() : jdbc.sql(
                        "select recorded_by, approval1_by from withdrawal where id = ?")
                .param(finding.withdrawalId()).query().singleRow();
        if (head.accountId() == finding.accountId() || same(people.get("recorded_by"), head)
                || same(people.get("approval1_by"), head)) {
            throw refuse(head, finding, target, ProblemKind.FORBIDDEN, "risk.release.thirdPerson");
        }
        String text = note == null ? "" : note.strip();
        if (text.length() < MIN_NOTE || text.length() > MAX_NOTE) {
            throw new KhlangProblem(ProblemKind.INVALID, "risk.release.note", MIN_NOTE, MAX_NOTE);
        }
        return text;
    }

    private static boolean same(Object accountId, Actor head) {
        return accountId instanceof Number number && number.longValue() == head.accountId();
    }

    private KhlangProblem refuse(Actor head, RiskFinding finding, String target, ProblemKind kind, String code) {
        audit.appendRefusal(AuditEntry.of("risk.refused").by(head.username(), head.accountId())
                .agency(finding.agencyId()).target(target).with("code", code).build());
        return new KhlangProblem(kind, code);
    }

    /** What the head's phone signs: the finding, its evidence and the note. */
    static String content(RiskFinding finding, String note) {
        return RiskService.sha256("khlang-risk-release-v1|" + finding.id() + "|" + finding.rule() + "|"
                + finding.withdrawalId() + "|" + RiskService.sha256(finding.evidence()) + "|" + note);
    }
}
