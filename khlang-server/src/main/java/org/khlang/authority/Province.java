package org.khlang.authority;

/** One of Thailand's 77 provinces, by its ISO 3166-2:TH number. */
public record Province(String code, String nameTh, String nameEn) {

    public static final String BANGKOK = "10";
}
