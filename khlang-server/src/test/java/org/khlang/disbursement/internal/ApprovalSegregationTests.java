package org.khlang.disbursement.internal;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** R10 as a named policy, without Spring: who may give approval 1 and approval 2 of a document. */
@Tag("R10")
class ApprovalSegregationTests {

    static final long RECORDER = 1;
    static final long APPROVER1 = 2;
    static final long APPROVER2 = 3;

    @Test
    void approvalOneIsRefusedToTheRecorderAndToAnyoneWhoAlsoApprovesPayments() {
        assertThat(ApprovalSegregation.approval1(APPROVER1, RECORDER, false)).isEmpty();
        assertThat(ApprovalSegregation.approval1(RECORDER, RECORDER, false)).contains("withdrawal.sod.recorder");
        // the recorder is named first, whatever else they hold
        assertThat(ApprovalSegregation.approval1(RECORDER, RECORDER, true)).contains("withdrawal.sod.recorder");
        assertThat(ApprovalSegregation.approval1(APPROVER1, RECORDER, true)).contains("withdrawal.sod.bothRights");
    }

    @Test
    void approvalTwoIsRefusedToTheRecorderToApproverOneAndToAWithdrawalApprover() {
        assertThat(ApprovalSegregation.approver2(false)).isEmpty();
        assertThat(ApprovalSegregation.approver2(true)).contains("withdrawal.sod.bothRights");
        assertThat(ApprovalSegregation.approval2(APPROVER2, RECORDER, APPROVER1)).isEmpty();
        assertThat(ApprovalSegregation.approval2(RECORDER, RECORDER, APPROVER1)).contains("withdrawal.sod.recorder");
        assertThat(ApprovalSegregation.approval2(APPROVER1, RECORDER, APPROVER1))
                .contains("withdrawal.sod.sameApprover");
        // a document not yet given approval 1 has no approver 1 to compare with
        assertThat(ApprovalSegregation.approval2(APPROVER2, RECORDER, null)).isEmpty();
    }
}
