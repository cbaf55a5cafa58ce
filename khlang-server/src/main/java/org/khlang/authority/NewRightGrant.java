package org.khlang.authority;

import java.time.LocalDate;
import java.util.Objects;

/** A right to be granted; {@link Rights#grant} checks it against the holder's other rights (R10). */
public record NewRightGrant(long accountId, Right right, Long agencyId, Long registrarOfficeId, boolean substitute,
                            LocalDate effectiveFrom, LocalDate effectiveTo, String source, String sourceReference) {

    public NewRightGrant {
        Objects.requireNonNull(right, "right");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        Objects.requireNonNull(source, "source");
        if (right.isAgencyRight() && agencyId == null) {
            throw new IllegalArgumentException(right + " is held for an agency");
        }
        if (right == Right.REGISTRAR && registrarOfficeId == null) {
            throw new IllegalArgumentException("REGISTRAR is held for a registrar office");
        }
        if (effectiveTo != null && effectiveTo.isBefore(effectiveFrom)) {
            throw new IllegalArgumentException("effectiveTo before effectiveFrom");
        }
    }

    /** A right migrated from the old system's credentials (R1), effective from {@code from} with no end. */
    public static NewRightGrant migrated(long accountId, Right right, long agencyId, LocalDate from, String reference) {
        return new NewRightGrant(accountId, right, agencyId, null, false, from, null, "MIGRATION", reference);
    }
}
