package org.khlang.authority;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Optional;

/**
 * R10: the withdrawal approver (อนุมัติ ๑) and the payment approver (อนุมัติ ๒) of an agency are never the same
 * person at the same time, whether through a primary or a substitute assignment, a second order or a migrated
 * legacy right.
 */
public final class SegregationOfDuties {

    private SegregationOfDuties() {
    }

    /** The right that may never be held together with {@code right} for the same agency, if any. */
    public static Optional<Right> incompatibleWith(Right right) {
        return switch (right) {
            case WITHDRAWAL_APPROVER -> Optional.of(Right.PAYMENT_APPROVER);
            case PAYMENT_APPROVER -> Optional.of(Right.WITHDRAWAL_APPROVER);
            default -> Optional.empty();
        };
    }

    /** The first of {@code held} that the proposed right would conflict with, if any. */
    public static Optional<RightGrant> conflict(Right right, long agencyId, LocalDate from, LocalDate to,
                                               Collection<RightGrant> held) {
        Optional<Right> incompatible = incompatibleWith(right);
        if (incompatible.isEmpty()) {
            return Optional.empty();
        }
        return held.stream()
                .filter(grant -> grant.right() == incompatible.get())
                .filter(grant -> grant.agencyId() != null && grant.agencyId() == agencyId)
                .filter(grant -> overlaps(from, to, grant.effectiveFrom(), grant.effectiveTo()))
                .findFirst();
    }

    static boolean overlaps(LocalDate fromA, LocalDate toA, LocalDate fromB, LocalDate toB) {
        boolean aEndsBeforeB = toA != null && toA.isBefore(fromB);
        boolean bEndsBeforeA = toB != null && toB.isBefore(fromA);
        return !aEndsBeforeB && !bEndsBeforeA;
    }
}
