package org.khlang.authority;

/** The kinds of local administrative organisation (องค์กรปกครองส่วนท้องถิ่น). */
public enum LocalKind {
    /** องค์การบริหารส่วนตำบล (อบต.). */
    SUBDISTRICT_ADMINISTRATION,
    /** เทศบาลตำบล. */
    SUBDISTRICT_MUNICIPALITY,
    /** เทศบาลเมือง. */
    TOWN_MUNICIPALITY,
    /** เทศบาลนคร. */
    CITY_MUNICIPALITY,
    /** องค์การบริหารส่วนจังหวัด (อบจ.). */
    PROVINCIAL_ADMINISTRATION
}
