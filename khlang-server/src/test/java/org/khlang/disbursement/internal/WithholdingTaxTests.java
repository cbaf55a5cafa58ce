package org.khlang.disbursement.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.disbursement.Deductions;
import org.khlang.disbursement.TaxStatus;
import org.khlang.disbursement.WithholdingRate;
import org.khlang.shared.KhlangProblem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("R13")
class WithholdingTaxTests {

    static final Optional<WithholdingRate> SECTION_69_TRI = Optional.of(new WithholdingRate(1, TaxStatus.JURISTIC,
            LocalDate.of(2000, 1, 1), new BigDecimal("0.0100"), new BigDecimal("10000.00"), "มาตรา 69 ตรี",
            Instant.EPOCH));

    static Deductions juristic(String total, String vat, String fine, String reason) {
        return WithholdingTax.of(TaxStatus.JURISTIC, new BigDecimal(total), vat == null ? null : new BigDecimal(vat),
                fine == null ? null : new BigDecimal(fine), reason, SECTION_69_TRI);
    }

    static void refused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(KhlangProblem.class,
                problem -> assertThat(problem.code()).isEqualTo(code));
    }

    @Test
    void aPaymentOfTenThousandBahtOrMoreToAJuristicPersonWithholdsOnePercentAndOneSatangLessWithholdsNothing() {
        assertThat(juristic("10000.00", null, null, null).tax()).isEqualByComparingTo("100.00");
        assertThat(juristic("9999.99", null, null, null).tax()).isEqualByComparingTo("0");
        assertThat(juristic("9999.99", null, null, null).rate()).isEqualByComparingTo("0");
        assertThat(juristic("12500.50", null, null, null).tax()).isEqualByComparingTo("125.01");
        assertThat(juristic("12500.50", null, null, null).netOf(new BigDecimal("12500.50")))
                .isEqualByComparingTo("12375.49");
    }

    @Test
    void theVatATotalIncludesIsNotTaxedAgainAndCountsForTheThreshold() {
        // 10,700 including 700 VAT: 10,000 is taxable, 100.00 withheld.
        assertThat(juristic("10700.00", "700.00", null, null).tax()).isEqualByComparingTo("100.00");
        // 10,600 including 700 VAT: 9,900 is taxable, under the threshold.
        assertThat(juristic("10600.00", "700.00", null, null).tax()).isEqualByComparingTo("0");
        refused(() -> juristic("10600.00", "10600.00", null, null), "withdrawal.vat");
        refused(() -> juristic("10600.00", "-1.00", null, null), "withdrawal.vat");
        refused(() -> juristic("10600.00", "1.005", null, null), "withdrawal.vat");
    }

    @Test
    void anExemptPayeeOrOneWithoutARateInTheTableHasNothingWithheld() {
        assertThat(WithholdingTax.of(TaxStatus.EXEMPT, new BigDecimal("500000.00"), null, null, null, SECTION_69_TRI)
                .tax()).isEqualByComparingTo("0");
        assertThat(WithholdingTax.of(TaxStatus.INDIVIDUAL, new BigDecimal("500000.00"), null, null, null,
                Optional.empty()).any()).isFalse();
    }

    @Test
    void aFineIsDeductedWithItsReasonAndThePayeeMustStillReceiveSomething() {
        Deductions fined = juristic("20000.00", null, "500.00", " ส่งของล่าช้า 5 วัน ");
        assertThat(fined.tax()).isEqualByComparingTo("200.00");
        assertThat(fined.fine()).isEqualByComparingTo("500.00");
        assertThat(fined.fineReason()).isEqualTo("ส่งของล่าช้า 5 วัน");
        assertThat(fined.netOf(new BigDecimal("20000.00"))).isEqualByComparingTo("19300.00");

        refused(() -> juristic("20000.00", null, "500.00", " "), "withdrawal.fine.reason");
        refused(() -> juristic("20000.00", null, "-5.00", "x"), "withdrawal.fine");
        refused(() -> juristic("20000.00", null, "19800.00", "ปรับเต็มจำนวน"), "withdrawal.deductions.tooLarge");
        assertThat(juristic("20000.00", null, "19799.99", "ปรับเกือบเต็ม").netOf(new BigDecimal("20000.00")))
                .isEqualByComparingTo("0.01");
        assertThat(juristic("20000.00", null, "0", "ignored").fineReason()).isNull();
    }

    @Test
    void taxIsRoundedToTheSatangHalfUp() {
        Optional<WithholdingRate> oneAndAHalf = Optional.of(new WithholdingRate(2, TaxStatus.JURISTIC,
                LocalDate.of(2027, 1, 1), new BigDecimal("0.0150"), BigDecimal.ZERO, "ทดสอบ", Instant.EPOCH));
        assertThat(WithholdingTax.of(TaxStatus.JURISTIC, new BigDecimal("10.10"), null, null, null, oneAndAHalf)
                .tax()).isEqualByComparingTo("0.15");
        assertThat(WithholdingTax.of(TaxStatus.JURISTIC, new BigDecimal("11.00"), null, null, null, oneAndAHalf)
                .tax()).isEqualByComparingTo("0.17");
        assertThat(WithholdingTax.of(TaxStatus.JURISTIC, new BigDecimal("10.34"), null, null, null, oneAndAHalf)
                .tax()).isEqualByComparingTo("0.16");
    }
}
