package org.khlang.disbursement;

import java.time.Instant;

/** An alert shown to a person in the application (e.g. the agency head, when a payee's bank account changes). */
public record Alert(long id, long agencyId, String kind, String messageTh, String messageEn, String target,
                    Instant createdAt) {

    public String message(java.util.Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? messageEn : messageTh;
    }
}
