package org.khlang.disbursement.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

import org.khlang.disbursement.Deductions;
import org.khlang.disbursement.TaxStatus;
import org.khlang.disbursement.WithholdingRate;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;

/**
 * R13 — the deductions of one withdrawal, decided before approval 1 signs them. Withholding tax: for a payee that is
 * not exempt, the rate in force on the document's day for the payee's status, applied to the total less the VAT it
 * includes, when that taxable amount reaches the rate's threshold (section 69 tri: 1% from 10,000 baht), rounded to
 * the satang, half up. A fine is deducted as the recorder enters it, with its reason. The payee must receive more
 * than nothing. Plain Java: no database, unit-tested in {@code WithholdingTaxTests}.
 */
final class WithholdingTax {

    private WithholdingTax() {
    }

    /**
     * @param rate the rate in force for the payee's status on the document's day; empty for an exempt payee or when
     *             the table holds none
     * @throws KhlangProblem INVALID when the VAT or the fine does not fit the total, or a fine has no reason
     */
    static Deductions of(TaxStatus status, BigDecimal total, BigDecimal vat, BigDecimal fine, String fineReason,
                         Optional<WithholdingRate> rate) {
        BigDecimal vatAmount = satang(vat, "withdrawal.vat");
        BigDecimal fineAmount = satang(fine, "withdrawal.fine");
        String reason = fineReason == null || fineReason.isBlank() ? null : fineReason.strip();
        if (vatAmount.signum() < 0 || vatAmount.compareTo(total) >= 0) {
            throw new KhlangProblem(ProblemKind.INVALID, "withdrawal.vat");
        }
        if (fineAmount.signum() < 0) {
            throw new KhlangProblem(ProblemKind.INVALID, "withdrawal.fine");
        }
        if (fineAmount.signum() > 0 && reason == null) {
            throw new KhlangProblem(ProblemKind.INVALID, "withdrawal.fine.reason");
        }
        if (reason != null && reason.length() > 200) {
            throw new KhlangProblem(ProblemKind.INVALID, "withdrawal.fine.reason");
        }
        BigDecimal taxable = total.subtract(vatAmount);
        BigDecimal applied = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        if (status != TaxStatus.EXEMPT && rate.isPresent() && taxable.compareTo(rate.get().threshold()) >= 0) {
            applied = rate.get().rate();
            tax = taxable.multiply(applied).setScale(2, RoundingMode.HALF_UP);
        }
        Deductions deductions = new Deductions(vatAmount, applied, tax, fineAmount,
                fineAmount.signum() > 0 ? reason : null);
        if (deductions.netOf(total).signum() <= 0) {
            throw new KhlangProblem(ProblemKind.INVALID, "withdrawal.deductions.tooLarge");
        }
        return deductions;
    }

    private static BigDecimal satang(BigDecimal amount, String code) {
        try {
            return amount == null ? BigDecimal.ZERO.setScale(2) : amount.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException finerThanASatang) {
            throw new KhlangProblem(ProblemKind.INVALID, code);
        }
    }
}
