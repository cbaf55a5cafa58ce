package org.khlang.disbursement;

/** How money was received: cash over the counter, a bank transfer, or an electronic payment (e-payment). */
public enum ReceiptMethod {
    CASH, TRANSFER, EPAYMENT
}
