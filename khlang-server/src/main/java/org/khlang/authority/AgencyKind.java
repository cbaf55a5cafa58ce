package org.khlang.authority;

/** ส่วนราชการส่วนกลาง, ส่วนภูมิภาค, องค์กรปกครองส่วนท้องถิ่น. */
public enum AgencyKind {
    CENTRAL,
    PROVINCIAL,
    LOCAL
}
