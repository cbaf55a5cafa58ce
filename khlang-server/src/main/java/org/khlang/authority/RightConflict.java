package org.khlang.authority;

/** R10 broken: one person held both approver rights for one agency at overlapping times. */
public record RightConflict(long accountId, long agencyId, RightGrant withdrawalApprover, RightGrant paymentApprover) {
}
