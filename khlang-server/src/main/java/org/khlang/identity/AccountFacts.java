package org.khlang.identity;

import java.time.Instant;
import java.util.List;

/** Facts about accounts that internal audit reports on (R9, R14), for one agency or, with {@code null}, all. */
public interface AccountFacts {

    /** One account and the moment that matters for the report (password changed, last sign-in). */
    record AccountFact(long accountId, String username, String name, Long agencyId, Instant at) {
    }

    /** Active accounts whose password was last changed before {@code cutoff}. */
    List<AccountFact> passwordsChangedBefore(Instant cutoff, Long agencyId);

    /** Active accounts not signed in since {@code cutoff} (or never, and issued before it). */
    List<AccountFact> unusedSince(Instant cutoff, Long agencyId);
}
