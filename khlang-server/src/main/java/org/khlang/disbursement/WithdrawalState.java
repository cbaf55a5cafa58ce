package org.khlang.disbursement;

/**
 * RECORDED → WITHDRAWAL_APPROVED (approval 1) → PAYMENT_APPROVED (approval 2, in a direct-pay file) → PAID, or
 * PAYMENT_FAILED (money returned; approval 2 may be given again). RECORDED → CANCELLED.
 */
public enum WithdrawalState {
    RECORDED, WITHDRAWAL_APPROVED, PAYMENT_APPROVED, PAID, PAYMENT_FAILED, CANCELLED
}
