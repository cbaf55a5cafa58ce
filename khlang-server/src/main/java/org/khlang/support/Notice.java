package org.khlang.support;

import java.time.Instant;

/** A message for one person in the application. */
public record Notice(long id, String kind, String messageTh, String messageEn, String target, Instant createdAt) {

    public String message(java.util.Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? messageEn : messageTh;
    }
}
