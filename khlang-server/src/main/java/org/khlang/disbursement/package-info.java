/**
 * Disbursement (R6, R10, R13): budget lines and the funds check, payees and their bank accounts, withdrawal
 * requests (ขบ01/ขบ02/ขบ03), approval 1 and approval 2 signed on two different people's phones, direct-pay batches.
 */
package org.khlang.disbursement;
