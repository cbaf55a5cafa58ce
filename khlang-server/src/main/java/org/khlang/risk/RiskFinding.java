package org.khlang.risk;

import java.time.Instant;

/**
 * A flag or hold as recorded: for the inbox of heads and internal audit, the compliance report and the registrar.
 *
 * @param withdrawalId    the document, or null for a finding about an approval of several documents
 * @param accountId       whose approval raised it
 * @param evidence        the evidence as JSON: which rows, which dates
 * @param releasedBy      for a hold: the head who released it on their phone; null while it stands
 */
public record RiskFinding(long id, long agencyId, Long withdrawalId, String documentNumber, RiskRule rule,
                          boolean hold, int stage, long accountId, String reasonTh, String reasonEn, String evidence,
                          Instant raisedAt, Long releasedBy, Instant releasedAt, String releaseNote) {

    public boolean open() {
        return hold && releasedAt == null;
    }

    public String reason(java.util.Locale locale) {
        return "en".equals(locale.getLanguage()) ? reasonEn : reasonTh;
    }
}
