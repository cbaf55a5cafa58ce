package org.khlang.disbursement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.khlang.shared.Actor;

/**
 * Receipts and their remittance to the treasury (R13, MoF regulation B.E. 2562): running receipt numbers, daily
 * cash on hand, remittances approved and signed on a PAYMENT_APPROVER's phone, and the regulation's deadlines —
 * cash held over 10,000 baht on any day within 3 business days, e-payments by 10:00 of the next business day,
 * everything at least monthly — flagged when missed.
 */
public interface Receipts {

    /** The cash a day's end may hold before it must be remitted within 3 business days. */
    BigDecimal CASH_LIMIT = new BigDecimal("10000.00");

    Receipt issue(long agencyId, NewReceipt receipt, Actor recorder);

    /** Cancels a receipt not yet remitted (a mistake); its entry is reversed. */
    Receipt cancel(long receiptId, String reason, Actor recorder);

    Optional<Receipt> find(long receiptId);

    /** Receipts received between two dates (inclusive), with their deadlines and status, oldest first. */
    List<Receipt> between(long agencyId, LocalDate from, LocalDate to);

    /** Receipts not yet remitted, oldest first. */
    List<Receipt> unremitted(long agencyId);

    /** Cash received and not yet remitted at the end of the day. */
    BigDecimal cashOnHand(long agencyId, LocalDate day);

    /** Prepares a remittance of these receipts (all of the agency, issued, not yet remitted). */
    Remittance prepare(long agencyId, List<Long> receiptIds, Actor recorder);

    /** Cancels a prepared remittance that was not approved; its receipts can be remitted again. */
    Remittance cancelRemittance(long remittanceId, Actor recorder);

    SigningRequest askApproval(long remittanceId, Actor approver);

    /** Approves the remittance with the phone's signed decision: the money leaves cash and bank for the treasury. */
    Remittance approve(long remittanceId, String confirmationId, Actor approver);

    Optional<Remittance> remittance(long remittanceId);

    List<Remittance> remittances(long agencyId);
}
