package org.khlang.risk;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.khlang.shared.Actor;
import org.khlang.shared.Page;

/** The fraud rules, as disbursement, the screens and the compliance report use them. */
public interface RiskChecks {

    /**
     * Runs every rule for an approval that is being asked. The documents' findings are recorded (each once, however
     * often the approval is asked) with an audit event carrying their evidence, and one audit event records the
     * assessment itself, clear or not. The approval's own findings (hour, phone, sign-ins) are only returned here;
     * {@link #approved} records them once the approval is given.
     */
    RiskAssessment assess(ApprovalStage stage, long approverAccountId, List<RiskSubject> subjects);

    /** Records the findings about an approval that was given: the hour, the phone, the sign-ins before it. */
    void approved(ApprovalStage stage, long approverAccountId, List<RiskSubject> subjects);

    /** The holds on these documents that no head has released. */
    List<RiskFinding> openHolds(Collection<Long> withdrawalIds);

    /** Every finding on one document, newest first. */
    List<RiskFinding> forDocument(long withdrawalId);

    Optional<RiskFinding> find(long findingId);

    /** The agency's findings, open holds first, then newest; {@code openOnly} for the holds still standing. */
    Page<RiskFinding> inbox(long agencyId, boolean openOnly, int page);

    /** Up to {@code limit} of the agency's findings, for the XLSX export. */
    List<RiskFinding> export(long agencyId, boolean openOnly, int limit);

    /** Findings counted per agency, for the registrar and the compliance report. */
    List<RiskSummary> summary(Collection<Long> agencyIds);

    /** Findings counted for every agency that has one, the most held first, at most {@code limit}. */
    List<RiskSummary> summaryOfAll(int limit);

    /**
     * Asks the agency head's phone to confirm that a hold was examined: the head must hold AGENCY_HEAD of the agency
     * today and be a third person (not the document's recorder, its approver 1, or whoever's approval raised it).
     * Returns the request id.
     */
    String askRelease(long findingId, String note, Actor head);

    /** Releases the hold with the head's signed confirmation; audited with the note and the signature. */
    RiskFinding release(long findingId, String confirmationId, String note, Actor head);
}
