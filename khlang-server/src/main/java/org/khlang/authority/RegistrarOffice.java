package org.khlang.authority;

/** An office that issues credentials and approves orders: CGD, or a provincial treasury office. */
public record RegistrarOffice(long id, String code, String nameTh, String nameEn, String provinceCode) {

    public static final String CGD = "CGD";

    public boolean isCentral() {
        return CGD.equals(code);
    }
}
