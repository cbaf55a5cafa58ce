package org.khlang.disbursement.internal;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.khlang.disbursement.Deductions;
import org.khlang.disbursement.Payee;
import org.khlang.disbursement.Withdrawal;
import org.khlang.shared.Baht;
import org.khlang.shared.BahtText;

/**
 * What the phone shows of a document's deductions before its owner signs: the gross, the tax withheld with its
 * rate, the fine, and the net that reaches the payee, as display fields for the authenticators and as lines of the
 * Thai detail text. A document without deductions shows nothing more than before.
 */
final class ApprovalDisplay {

    private ApprovalDisplay() {
    }

    /** Adds the display fields and returns the detail lines ("" when nothing is deducted). */
    static String deductions(Map<String, String> display, BigDecimal gross, Deductions deductions) {
        if (!deductions.any()) {
            return "";
        }
        BigDecimal net = deductions.netOf(gross);
        display.put("gross", Baht.format(gross) + " บาท");
        StringBuilder lines = new StringBuilder("\nยอดก่อนหัก " + Baht.format(gross) + " บาท");
        if (deductions.tax().signum() > 0) {
            String rate = deductions.percent();
            display.put("withholdingTax", Baht.format(deductions.tax()) + " บาท (" + rate + ")");
            lines.append("\nหักภาษี ณ ที่จ่าย ").append(rate).append(' ').append(Baht.format(deductions.tax()))
                    .append(" บาท");
        }
        if (deductions.fine().signum() > 0) {
            display.put("fine", Baht.format(deductions.fine()) + " บาท");
            lines.append("\nหักค่าปรับ ").append(Baht.format(deductions.fine())).append(" บาท (")
                    .append(deductions.fineReason()).append(')');
        }
        display.put("net", Baht.format(net) + " บาท");
        display.put("netWords", BahtText.of(net));
        lines.append("\nจ่ายสุทธิ ").append(Baht.format(net)).append(" บาท (").append(BahtText.of(net)).append(')');
        return lines.toString();
    }

    /** A list of payees: how many, their total and the SHA-256 of the list that the approver signs. */
    static String payeeList(Map<String, String> display, org.khlang.disbursement.PayeeList list) {
        display.put("payee", "ผู้รับเงิน " + list.count() + " ราย");
        display.put("payees", Integer.toString(list.count()));
        display.put("payeesSha256", list.sha256());
        return "\nผู้รับเงิน " + list.count() + " ราย รวม " + Baht.format(list.total()) + " บาท\nรายชื่อ SHA-256 "
                + list.sha256().substring(0, 16) + "…" + list.sha256().substring(56);
    }

    /** For a batch: how much of the documents' gross is withheld as tax and fines ("" when nothing is). */
    static String batchDeductions(List<Canonical.Item> items) {
        BigDecimal gross = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        BigDecimal fine = BigDecimal.ZERO;
        for (Canonical.Item item : items) {
            gross = gross.add(item.gross());
            tax = tax.add(item.deductions().tax());
            fine = fine.add(item.deductions().fine());
        }
        if (tax.signum() == 0 && fine.signum() == 0) {
            return "";
        }
        return "\nยอดก่อนหัก " + Baht.format(gross) + " บาท\nหักภาษี ณ ที่จ่าย " + Baht.format(tax)
                + " บาท\nหักค่าปรับ " + Baht.format(fine) + " บาท";
    }
    /** What approval 1 shows: the document, its amount in figures and words, the payee or the list, deductions. */
    static Map<String, String> approval1(Withdrawal withdrawal, Payee payee, String agencyName) {
        Map<String, String> display = new LinkedHashMap<>();
        display.put("document", withdrawal.displayNumber());
        display.put("amount", Baht.format(withdrawal.total()) + " บาท");
        display.put("amountWords", BahtText.of(withdrawal.total()));
        String amount = "เอกสาร " + withdrawal.displayNumber() + "\nจำนวนเงิน " + Baht.format(withdrawal.total())
                + " บาท (" + BahtText.of(withdrawal.total()) + ")";
        if (withdrawal.hasPayeeList()) {
            display.put("agency", agencyName);
            display.put("detail_th", amount + payeeList(display, withdrawal.payeeList()));
            return display;
        }
        display.put("payee", payee.name());
        display.put("bankAccount", payee.account().bankNameTh() + " " + payee.account().masked());
        display.put("agency", agencyName);
        display.put("detail_th", amount + deductions(display, withdrawal.total(), withdrawal.deductions())
                + "\nผู้รับเงิน " + payee.name() + "\nบัญชี " + payee.account().bankNameTh() + " "
                + payee.account().masked());
        return display;
    }

    /**
     * What approval 2 shows, for one document, one list or a batch; {@code title_th} and {@code title_en} are the
     * request's titles, for the caller to take out. {@code payee} is the single document's payee, else null.
     */
    static Map<String, String> approval2(List<Withdrawal> documents, List<Canonical.Item> items, BigDecimal total,
                                         Payee payee, String agencyName) {
        Map<String, String> display = new LinkedHashMap<>();
        display.put("documents", Integer.toString(items.size()));
        display.put("amount", Baht.format(total) + " บาท");
        display.put("amountWords", BahtText.of(total));
        display.put("agency", agencyName);
        Withdrawal only = documents.getFirst();
        String detail;
        if (documents.size() == 1) {
            display.put("document", only.displayNumber());
            display.put("title_th", "อนุมัติจ่ายเงิน (อนุมัติ ๒) " + only.displayNumber());
            display.put("title_en", "Approve payment (approval 2) " + only.number());
        } else {
            display.put("title_th", "อนุมัติจ่ายเงิน (อนุมัติ ๒) " + items.size() + " รายการ");
            display.put("title_en", "Approve payment (approval 2) of " + items.size() + " documents");
        }
        if (documents.size() == 1 && only.hasPayeeList()) {
            detail = "เอกสาร " + only.displayNumber() + "\nโอน " + items.size() + " รายการ รวม " + Baht.format(total)
                    + " บาท (" + BahtText.of(total) + ")" + payeeList(display, only.payeeList());
        } else if (documents.size() == 1) {
            display.put("payee", payee.name());
            display.put("bankAccount", payee.account().bankNameTh() + " " + payee.account().masked());
            detail = "เอกสาร " + only.displayNumber() + "\nจำนวนเงินที่โอน " + Baht.format(total) + " บาท ("
                    + BahtText.of(total) + ")" + deductions(display, only.total(), only.deductions())
                    + "\nผู้รับเงิน " + payee.name() + "\nบัญชี " + payee.account().bankNameTh() + " "
                    + payee.account().masked();
        } else {
            detail = items.size() + " รายการ รวมโอน " + Baht.format(total) + " บาท (" + BahtText.of(total) + ")"
                    + batchDeductions(items);
        }
        display.put("detail_th", detail);
        return display;
    }
}
