package org.khlang.authority;

/** A disbursing agency (หน่วยงานผู้เบิก) and the registrar office that serves it. */
public record Agency(long id, AgencyCode code, String nameTh, String nameEn, AgencyKind kind, LocalKind localKind,
                     String provinceCode, long registrarOfficeId, boolean pilot) {

    /** The name in the given language, falling back to Thai. */
    public String name(java.util.Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) && nameEn != null && !nameEn.isBlank()
                ? nameEn : nameTh;
    }
}
