package org.khlang.audit;

import java.time.Instant;

/**
 * A search of the audit trail: who (username), what (action, or its beginning such as {@code disbursement.}), which
 * agency, which target (document, account…, or its beginning) and when. Empty fields do not filter.
 */
public record AuditQuery(String actor, String action, Long agencyId, String target, Instant from, Instant to) {

    public AuditQuery {
        actor = blankToNull(actor);
        action = blankToNull(action);
        target = blankToNull(target);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
