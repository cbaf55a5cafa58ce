package org.khlang.authority;

import java.time.LocalDate;

/**
 * A right held by an account, for an agency (or a registrar office), from one date to another.
 *
 * @param source where it came from: {@code BOOTSTRAP}, {@code MIGRATION} (legacy import, R1) or
 *               {@code ORDER} (appointment order, R8)
 */
public record RightGrant(long id, long accountId, Right right, Long agencyId, Long registrarOfficeId,
                         boolean substitute, LocalDate effectiveFrom, LocalDate effectiveTo, String source,
                         String sourceReference) {

    public boolean isEffectiveOn(LocalDate date) {
        return !date.isBefore(effectiveFrom) && (effectiveTo == null || !date.isAfter(effectiveTo));
    }
}
