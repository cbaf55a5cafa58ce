package org.khlang.disbursement.internal;

import java.util.Optional;

/**
 * R10 at the moment a money document is approved (issue 16: the rule in one named place). Approval 1 is given by
 * someone other than the recorder who does not also hold the payment-approver right; approval 2 by someone who is
 * neither the recorder nor approver 1 of the document and does not also hold the withdrawal-approver right. The
 * answer is the refusal's message code, or empty when the approver may sign; the caller refuses and audits it.
 */
final class ApprovalSegregation {

    static final String RECORDER = "withdrawal.sod.recorder";
    static final String BOTH_RIGHTS = "withdrawal.sod.bothRights";
    static final String SAME_APPROVER = "withdrawal.sod.sameApprover";

    private ApprovalSegregation() {
    }

    /** R10 for approval 1 of a document its recorder recorded. */
    static Optional<String> approval1(long approver, long recordedBy, boolean alsoPaymentApprover) {
        if (approver == recordedBy) {
            return Optional.of(RECORDER);
        }
        return alsoPaymentApprover ? Optional.of(BOTH_RIGHTS) : Optional.empty();
    }

    /** R10 for the approver of a batch, before any document: not also a withdrawal approver of the agency. */
    static Optional<String> approver2(boolean alsoWithdrawalApprover) {
        return alsoWithdrawalApprover ? Optional.of(BOTH_RIGHTS) : Optional.empty();
    }

    /** R10 for approval 2 of one document: neither its recorder nor its approver 1. */
    static Optional<String> approval2(long approver, long recordedBy, Long approval1By) {
        if (approver == recordedBy) {
            return Optional.of(RECORDER);
        }
        if (approval1By != null && approver == approval1By) {
            return Optional.of(SAME_APPROVER);
        }
        return Optional.empty();
    }
}
