package org.khlang.risk.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.khlang.audit.AuditEntry;
import org.khlang.audit.AuditLog;
import org.khlang.calendar.BusinessDays;
import org.khlang.risk.ApprovalStage;
import org.khlang.risk.RiskAssessment;
import org.khlang.risk.RiskChecks;
import org.khlang.risk.RiskFinding;
import org.khlang.risk.RiskOutcome;
import org.khlang.risk.RiskProperties;
import org.khlang.risk.RiskSubject;
import org.khlang.risk.RiskSummary;
import org.khlang.shared.Actor;
import org.khlang.shared.Page;
import org.khlang.shared.Sha256;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** The rules run in order over the facts of one approval; findings recorded once, each with an audit event. */
@Service
class RiskService implements RiskChecks {

    private final RiskProperties settings;
    private final RiskFacts facts;
    private final JdbcRiskFindings findings;
    private final HoldReleases releases;
    private final AuditLog audit;
    private final Clock clock;
    private final List<DocumentRule> documentRules;
    private final List<ApprovalRule> approvalRules;
    private final JsonMapper json = JsonMapper.builder().build();

    RiskService(RiskProperties settings, RiskFacts facts, JdbcRiskFindings findings, HoldReleases releases,
                AuditLog audit, Clock clock, BusinessDays businessDays) {
        this.settings = settings;
        this.facts = facts;
        this.findings = findings;
        this.releases = releases;
        this.audit = audit;
        this.clock = clock;
        this.documentRules = List.of(new BankAccountChanged(settings), new SharedBankAccount(settings),
                new DuplicateInvoice(settings), new SplitPayment(settings), new UnusualAmount(settings));
        this.approvalRules = List.of(new OddHour(settings, businessDays::isBusinessDay), new NewPhone(settings),
                new SignInAnomaly(settings));
    }

    @Override
    @Transactional
    public RiskAssessment assess(ApprovalStage stage, long approverAccountId, List<RiskSubject> subjects) {
        if (!settings.enabled() || subjects.isEmpty()) {
            return new RiskAssessment(stage, Map.of(), List.of(), List.of());
        }
        Instant now = clock.instant();
        Facts.Documents documentFacts = facts.documents(subjects, now);
        Map<Long, List<RiskOutcome>> byDocument = new LinkedHashMap<>();
        List<JdbcRiskFindings.New> found = new ArrayList<>();
        for (RiskSubject subject : subjects) {
            List<RiskOutcome> outcomes = new ArrayList<>();
            for (DocumentRule rule : documentRules) {
                outcomes.addAll(rule.check(subject, documentFacts, now));
            }
            if (!outcomes.isEmpty()) {
                byDocument.put(subject.withdrawalId(), outcomes);
                outcomes.forEach(outcome -> found.add(finding(subject.agencyId(), subject.withdrawalId(),
                        subject.number(), stage, approverAccountId, outcome, now)));
            }
        }
        List<RiskOutcome> approval = approvalOutcomes(approverAccountId, now, false);
        List<JdbcRiskFindings.New> recorded = findings.insertNew(found);
        List<AuditEntry> events = new ArrayList<>(recorded.size() + 1);
        recorded.forEach(finding -> events.add(event(finding)));
        events.add(AuditEntry.of("risk.assessed").by("system", null).agency(subjects.getFirst().agencyId())
                .target(subjects.size() == 1 ? "withdrawal:" + subjects.getFirst().withdrawalId() : "payment-batch")
                .with("stage", stage.number()).with("approver", approverAccountId).with("documents", subjects.size())
                .with("flags", count(byDocument, approval, false)).with("holds", count(byDocument, approval, true))
                .with("recorded", recorded.size()).build());
        audit.appendAll(events);
        List<RiskFinding> open = findings.openHolds(subjects.stream().map(RiskSubject::withdrawalId).toList());
        return new RiskAssessment(stage, byDocument, approval, open);
    }

    @Override
    @Transactional
    public void approved(ApprovalStage stage, long approverAccountId, List<RiskSubject> subjects) {
        if (!settings.enabled() || subjects.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        RiskSubject first = subjects.getFirst();
        boolean one = subjects.size() == 1;
        List<JdbcRiskFindings.New> found = approvalOutcomes(approverAccountId, now, true).stream()
                .map(outcome -> finding(first.agencyId(), one ? first.withdrawalId() : null,
                        one ? first.number() : subjects.size() + " documents", stage, approverAccountId, outcome, now))
                .toList();
        List<JdbcRiskFindings.New> recorded = findings.insertNew(found);
        if (!recorded.isEmpty()) {
            audit.appendAll(recorded.stream().map(this::event).toList());
        }
    }

    private List<RiskOutcome> approvalOutcomes(long accountId, Instant now, boolean given) {
        Facts.Approver approver = facts.approver(accountId, now, given);
        List<RiskOutcome> outcomes = new ArrayList<>();
        for (ApprovalRule rule : approvalRules) {
            outcomes.addAll(rule.check(approver));
        }
        return outcomes;
    }

    private JdbcRiskFindings.New finding(long agencyId, Long withdrawalId, String number, ApprovalStage stage,
                                         long accountId, RiskOutcome outcome, Instant now) {
        RiskOutcome.Reason reason = switch (outcome) {
            case RiskOutcome.Flag flag -> flag.reason();
            case RiskOutcome.Hold hold -> hold.reason();
            case RiskOutcome.Clear clear -> throw new IllegalArgumentException("a clear outcome is not recorded");
        };
        // a document's finding is the same whoever's approval finds it; an approval's is the approver's own
        String fingerprint = sha256(outcome.rule() + "|" + withdrawalId + "|"
                + (outcome.rule().aboutDocument() ? "" : accountId + "|") + reason.key());
        return new JdbcRiskFindings.New(agencyId, withdrawalId, number, outcome.rule(),
                outcome instanceof RiskOutcome.Hold, stage.number(), accountId, reason.th(), reason.en(),
                json.writeValueAsString(reason.evidence()), fingerprint, now);
    }

    private AuditEntry event(JdbcRiskFindings.New finding) {
        return AuditEntry.of(finding.hold() ? "risk.hold.raised" : "risk.flag.raised").by("system", null)
                .agency(finding.agencyId())
                .target(finding.withdrawalId() == null ? "payment-batch" : "withdrawal:" + finding.withdrawalId())
                .with("rule", finding.rule().name()).with("stage", finding.stage())
                .with("approver", finding.accountId()).with("document", finding.documentNumber())
                .with("evidence", finding.evidence()).build();
    }

    private static int count(Map<Long, List<RiskOutcome>> documents, List<RiskOutcome> approval, boolean holds) {
        int count = (int) approval.stream().filter(outcome -> outcome instanceof RiskOutcome.Hold == holds).count();
        for (List<RiskOutcome> outcomes : documents.values()) {
            count += (int) outcomes.stream().filter(outcome -> outcome instanceof RiskOutcome.Hold == holds).count();
        }
        return count;
    }

    @Override
    public List<RiskFinding> openHolds(Collection<Long> withdrawalIds) {
        return settings.enabled() ? findings.openHolds(withdrawalIds) : List.of();
    }

    @Override
    public List<RiskFinding> forDocument(long withdrawalId) {
        return findings.forDocument(withdrawalId);
    }

    @Override
    public Optional<RiskFinding> find(long findingId) {
        return findings.find(findingId);
    }

    @Override
    public Page<RiskFinding> inbox(long agencyId, boolean openOnly, int page) {
        return findings.inbox(agencyId, openOnly, page);
    }

    @Override
    public List<RiskFinding> export(long agencyId, boolean openOnly, int limit) {
        return findings.export(agencyId, openOnly, limit);
    }

    @Override
    public List<RiskSummary> summary(Collection<Long> agencyIds) {
        return findings.summary(agencyIds, Integer.MAX_VALUE);
    }

    @Override
    public List<RiskSummary> summaryOfAll(int limit) {
        return findings.summary(null, limit);
    }

    @Override
    public String askRelease(long findingId, String note, Actor head) {
        return releases.ask(findingId, note, head);
    }

    @Override
    public RiskFinding release(long findingId, String confirmationId, String note, Actor head) {
        return releases.release(findingId, confirmationId, note, head);
    }

    static String sha256(String text) {
        return Sha256.hex(text);
    }
}
