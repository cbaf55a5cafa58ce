package org.khlang.risk;

/** Which approval the rules are asked about. */
public enum ApprovalStage {
    /** Approval 1: the withdrawal (R10). */
    APPROVAL_1,
    /** Approval 2: the payment (R10). */
    APPROVAL_2;

    public int number() {
        return this == APPROVAL_1 ? 1 : 2;
    }
}
