package org.khlang.compliance;

import java.time.Instant;
import java.util.List;

import org.khlang.audit.ChainVerification;
import org.khlang.authority.RightConflict;
import org.khlang.disbursement.Withdrawals.BrokenApproval;
import org.khlang.identity.AccountFacts.AccountFact;
import org.khlang.support.LostDeviceReport;

/**
 * What internal audit checks (R14), for one agency or all: each list is empty when the rule was kept.
 *
 * @param passwordsTooOld     passwords not changed for more than the rule's months (R9)
 * @param segregationConflicts one person as both approvers of an agency at overlapping times (R10)
 * @param lettersOverdue      lost-phone letters overdue or filed late (R12)
 * @param rightsWithoutToken  agency rights held without an active Soft Token (R5, R6)
 * @param staffWithoutPasskey staff holding a right that needs a passkey without an active one (NIST SP 800-63B-4;
 *                            only in the report of all agencies: staff belong to none)
 * @param brokenApprovals     approvals whose signature no longer verifies against the document (R6, R14)
 * @param unusedAccounts      active accounts not used for 90 days
 * @param chain               the audit chain re-walked now
 * @param lastCheckpoint      the newest signed checkpoint, or null; {@code lastCheckpointValid} whether it verifies
 * @param risk                the fraud signals per agency (issue 20): flags, holds, holds still standing
 */
public record ComplianceReport(Long agencyId, Instant at, List<AccountFact> passwordsTooOld,
                               List<RightConflict> segregationConflicts, List<LostDeviceReport> lettersOverdue,
                               List<TokenlessRight> rightsWithoutToken, List<StaffWithoutPasskey> staffWithoutPasskey,
                               List<BrokenApproval> brokenApprovals,
                               List<AccountFact> unusedAccounts, ChainVerification chain,
                               org.khlang.audit.Checkpoint lastCheckpoint, boolean lastCheckpointValid,
                               List<org.khlang.risk.RiskSummary> risk) {

    /** Holds that still stand in the agencies of the report. */
    public int openHolds() {
        return risk.stream().mapToInt(org.khlang.risk.RiskSummary::openHolds).sum();
    }

    /** A person holding agency rights without an active Soft Token. */
    public record TokenlessRight(long accountId, String username, long agencyId, List<String> rights) {
    }

    /** A staff member holding rights that need a passkey, without an active one. */
    public record StaffWithoutPasskey(long accountId, String username, List<String> rights) {
    }

    public boolean chainIntact() {
        return chain instanceof ChainVerification.Intact;
    }

    /** Events re-walked (whether the chain was intact or not). */
    public long chainEvents() {
        return switch (chain) {
            case ChainVerification.Intact intact -> intact.eventsChecked();
            case ChainVerification.Broken broken -> broken.eventsChecked();
        };
    }

    public boolean clean() {
        return passwordsTooOld.isEmpty() && segregationConflicts.isEmpty() && lettersOverdue.isEmpty()
                && rightsWithoutToken.isEmpty() && staffWithoutPasskey.isEmpty() && brokenApprovals.isEmpty() && unusedAccounts.isEmpty()
                && chain instanceof ChainVerification.Intact;
    }
}
