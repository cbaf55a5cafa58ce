package org.khlang.authority;

/** The rights a person may hold (design.md section 1); each resolves to a Thai and English label. */
public enum Right {
    /** ผู้บันทึก (บันทึกลง). */
    RECORDER,
    /** ผู้อนุมัติเบิกเงิน (อนุมัติ ๑). */
    WITHDRAWAL_APPROVER,
    /** ผู้อนุมัติจ่ายเงิน (อนุมัติ ๒). */
    PAYMENT_APPROVER,
    /** หัวหน้าหน่วยงานผู้เบิก. */
    AGENCY_HEAD,
    /** เจ้าหน้าที่กรมบัญชีกลาง / สำนักงานคลังจังหวัด. */
    REGISTRAR,
    /** Contact Center. */
    HELPDESK,
    /** ผู้ตรวจสอบภายใน. */
    INTERNAL_AUDITOR,
    /** ผู้ดูแลระบบ. */
    SYSTEM_ADMIN;

    /** The Spring Security authority name, e.g. {@code ROLE_REGISTRAR}. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** Rights that are held for one agency rather than for a registrar office or the whole system. */
    public boolean isAgencyRight() {
        return this == RECORDER || this == WITHDRAWAL_APPROVER || this == PAYMENT_APPROVER || this == AGENCY_HEAD
                || this == INTERNAL_AUDITOR;
    }
}
