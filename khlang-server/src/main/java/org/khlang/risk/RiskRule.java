package org.khlang.risk;

/** The named fraud rules; each is a policy class in {@code risk.internal} with its own tests. */
public enum RiskRule {
    /** The payee's bank account changed within N days (30) before approval 1 or 2. */
    BANK_ACCOUNT_CHANGED("บัญชีธนาคารของผู้รับเงินเพิ่งเปลี่ยน", "Payee's bank account changed recently", true),
    /** The payee's bank account is also held by another payee of the agency (worse when one is staff). */
    SHARED_BANK_ACCOUNT("บัญชีธนาคารเดียวกันหลายผู้รับเงิน", "One bank account behind several payees", true),
    /** The same invoice, or the same payee and amount within 7 days, in two documents. */
    DUPLICATE_INVOICE("ใบแจ้งหนี้ซ้ำ", "Duplicate invoice", true),
    /** Several documents to one payee in a short period, each just under a procurement limit, whose sum passes it. */
    SPLIT_PAYMENT("แบ่งจ่ายหลบวงเงิน", "Split to stay under a limit", true),
    /** Far above the payee's history, or a large round number. */
    UNUSUAL_AMOUNT("จำนวนเงินผิดปกติ", "Unusual amount", true),
    /** The approval is given outside office hours or on a weekend or Thai holiday. */
    ODD_HOUR("อนุมัตินอกเวลาราชการ", "Approval outside office hours", false),
    /** The approver's phone was bound in the last 24 hours, or this is its first approval after a lost phone. */
    NEW_PHONE("อนุมัติจากโทรศัพท์ที่เพิ่งผูก", "Approval from a newly bound phone", false),
    /** Many refused pushes, or a sign-in from a new network, before the approval. */
    SIGN_IN_ANOMALY("การเข้าสู่ระบบผิดปกติก่อนอนุมัติ", "Unusual sign-in before the approval", false);

    private final String nameTh;
    private final String nameEn;
    private final boolean aboutDocument;

    RiskRule(String nameTh, String nameEn, boolean aboutDocument) {
        this.nameTh = nameTh;
        this.nameEn = nameEn;
        this.aboutDocument = aboutDocument;
    }

    public String nameTh() {
        return nameTh;
    }

    public String nameEn() {
        return nameEn;
    }

    /** True for rules about the document and its payee; false for rules about the approver and this approval. */
    public boolean aboutDocument() {
        return aboutDocument;
    }
}
