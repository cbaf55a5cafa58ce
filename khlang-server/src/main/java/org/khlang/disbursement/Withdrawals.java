package org.khlang.disbursement;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.khlang.shared.Actor;
import org.khlang.shared.Page;

/**
 * Withdrawal requests through their two approvals to direct pay (R6, R10, R13). Each approval is signed on the
 * approver's phone over the SHA-256 of the canonical document (design.md 4.4) and checked against R10 at the moment
 * it is given: approver 1, approver 2 and the recorder are three different people.
 */
public interface Withdrawals {

    Withdrawal record(long agencyId, NewWithdrawal withdrawal, Actor recorder);

    Withdrawal correct(long withdrawalId, NewWithdrawal withdrawal, Actor recorder);

    Withdrawal cancel(long withdrawalId, Actor recorder);

    /** Attaches a PDF, JPEG or PNG file (by content, at most 10 MB, 20 per document) while the document is RECORDED. */
    Attachment attach(long withdrawalId, String fileName, byte[] content, Actor recorder);

    /** Removes an attachment while the document is RECORDED. */
    void detach(long withdrawalId, long attachmentId, Actor recorder);

    List<Attachment> attachments(long withdrawalId);

    /** The attachment's bytes (for people who may see the document). */
    byte[] attachmentContent(long withdrawalId, long attachmentId);

    /** Sends approval 1 of the document to the WITHDRAWAL_APPROVER's phone. */
    SigningRequest askApproval1(long withdrawalId, Actor approver);

    /** Gives approval 1 with the phone's signed decision: commits the budget and posts the expense. */
    Withdrawal approve1(long withdrawalId, String confirmationId, Actor approver);

    /** Sends approval 2 of these documents (one or a batch) to the PAYMENT_APPROVER's phone, over their manifest. */
    SigningRequest askApproval2(List<Long> withdrawalIds, Actor approver);

    /** Gives approval 2: the payments go into one direct-pay batch and its pain.001 file. */
    PaymentBatch approve2(List<Long> withdrawalIds, String confirmationId, Actor approver);

    /**
     * Applies a bank's result file, whole or not at all: an ISO 20022 pain.002.001.10 status report or
     * camt.054.001.08 notification (each checked against its official schema), or CSV
     * ({@code end_to_end_id,status,reason}). Each transfer is PAID, or FAILED and its money returned.
     */
    BankResults importBankResults(long batchId, byte[] file, Actor actor);

    Optional<Withdrawal> find(long withdrawalId);

    Page<Withdrawal> forAgency(long agencyId, WithdrawalState state, int page);

    /** A page (50 lines) of a document's list of payees, in line order. */
    Page<PayeeLine> payeeLines(long withdrawalId, int page);

    /** The state of each line's latest transfer, for the lines of that page (50) of a list that have been sent. */
    Map<Integer, Payment.State> payeeLineStates(long withdrawalId, int page);

    /**
     * The newest documents of the agency in one state, at most {@code limit}, as summaries: without their lines,
     * for the lists of work waiting on the overview.
     */
    List<Withdrawal> waiting(long agencyId, WithdrawalState state, int limit);

    Optional<PaymentBatch> batch(long batchId);

    /** The newest 50 batches of the agency, as summaries (without their payments; {@link #batch} has them). */
    List<PaymentBatch> batches(long agencyId);

    /** The pain.001.001.09 file of a batch. */
    byte[] paymentFile(long batchId, Actor actor);

    List<Payment> payments(long withdrawalId);

    /** The register of documents recorded between two dates (inclusive, Bangkok time), oldest first. */
    List<RegisterRow> register(long agencyId, java.time.LocalDate from, java.time.LocalDate to);

    /** A document with an approval that no longer verifies (bad signature, or the document changed after it). */
    record BrokenApproval(long withdrawalId, long agencyId, String number, ApprovalCheck check) {
    }

    /**
     * Re-verifies the approvals of the most recent {@code limit} approved documents (of one agency, or all with
     * {@code null}) and returns those that no longer verify.
     */
    List<BrokenApproval> brokenApprovals(Long agencyId, int limit);

    /** Re-verifies every approval of the document: anyone with audit rights may ask. */
    List<ApprovalCheck> verifyApprovals(long withdrawalId);
}
