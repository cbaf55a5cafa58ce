package org.khlang.disbursement.internal;

import java.util.Map;

/**
 * The ISO 20022 external status and return reason codes a Thai bank commonly gives for a credit transfer it
 * rejects or returns, in Thai with the code set's English name, so that the clerk reads why and not only "AC04".
 * A code not listed here is kept as the bank wrote it.
 */
final class BankReasonCodes {

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("AC01", "เลขที่บัญชีไม่ถูกต้อง (IncorrectAccountNumber)"),
            Map.entry("AC03", "บัญชีผู้รับเงินไม่ถูกต้อง (InvalidCreditorAccountNumber)"),
            Map.entry("AC04", "บัญชีปิดแล้ว (ClosedAccountNumber)"),
            Map.entry("AC06", "บัญชีถูกระงับ (BlockedAccount)"),
            Map.entry("AG01", "ธนาคารไม่รับรายการประเภทนี้ (TransactionForbidden)"),
            Map.entry("AM04", "เงินในบัญชีไม่พอ (InsufficientFunds)"),
            Map.entry("AM05", "รายการซ้ำ (Duplication)"),
            Map.entry("BE01", "ชื่อไม่ตรงกับบัญชี (InconsistentWithEndCustomer)"),
            Map.entry("MD07", "เจ้าของบัญชีถึงแก่กรรม (EndCustomerDeceased)"),
            Map.entry("MS02", "ผู้รับเงินปฏิเสธ ไม่ระบุเหตุผล (NotSpecifiedReasonCustomerGenerated)"),
            Map.entry("MS03", "ธนาคารปฏิเสธ ไม่ระบุเหตุผล (NotSpecifiedReasonAgentGenerated)"),
            Map.entry("RC01", "รหัสธนาคารไม่ถูกต้อง (BankIdentifierIncorrect)"),
            Map.entry("RR01", "ข้อมูลบัญชีผู้จ่ายไม่ครบตามกฎหมาย (MissingDebtorAccountOrIdentification)"),
            Map.entry("NARR", "ดูคำอธิบายของธนาคาร (Narrative)"));

    private BankReasonCodes() {
    }

    /** The reason to keep with a failed payment: the code, its name when known, and the bank's own words. */
    static String describe(String code, String bankText) {
        String named = code == null || code.isBlank() ? "" : code.strip() + " " + NAMES.getOrDefault(code.strip(), "");
        String words = bankText == null ? "" : bankText.strip();
        String reason = (named.strip() + (words.isEmpty() ? "" : " – " + words)).strip();
        return reason.isEmpty() ? "RJCT" : reason;
    }
}
