package org.khlang.disbursement.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.khlang.disbursement.Deductions;
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
            String rate = deductions.rate().movePointRight(2).stripTrailingZeros().toPlainString() + "%";
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
}
