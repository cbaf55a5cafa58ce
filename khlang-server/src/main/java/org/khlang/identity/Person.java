package org.khlang.identity;

import org.khlang.shared.CitizenId;

/** A person known to Khlang, identified by the citizen ID. */
public record Person(long id, CitizenId citizenId, String titleTh, String firstNameTh, String lastNameTh,
                     String firstNameEn, String lastNameEn, String email, String mobile, Long agencyId) {

    /** "นางสาวสมศรี ใจดี". */
    public String fullNameTh() {
        return titleTh + firstNameTh + " " + lastNameTh;
    }

    /** The English name when there is one, else the Thai name. */
    public String fullName(java.util.Locale locale) {
        if (locale != null && "en".equals(locale.getLanguage()) && firstNameEn != null && lastNameEn != null) {
            return firstNameEn + " " + lastNameEn;
        }
        return fullNameTh();
    }
}
