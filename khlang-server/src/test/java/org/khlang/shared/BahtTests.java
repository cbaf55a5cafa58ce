package org.khlang.shared;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BahtTests {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "0, ศูนย์บาทถ้วน",
        "1, หนึ่งบาทถ้วน",
        "10, สิบบาทถ้วน",
        "11, สิบเอ็ดบาทถ้วน",
        "20, ยี่สิบบาทถ้วน",
        "21, ยี่สิบเอ็ดบาทถ้วน",
        "101, หนึ่งร้อยเอ็ดบาทถ้วน",
        "110, หนึ่งร้อยสิบบาทถ้วน",
        "111, หนึ่งร้อยสิบเอ็ดบาทถ้วน",
        "1001, หนึ่งพันเอ็ดบาทถ้วน",
        "10000, หนึ่งหมื่นบาทถ้วน",
        "250000, สองแสนห้าหมื่นบาทถ้วน",
        "1000000, หนึ่งล้านบาทถ้วน",
        "1000001.50, หนึ่งล้านเอ็ดบาทห้าสิบสตางค์",
        "2000021, สองล้านยี่สิบเอ็ดบาทถ้วน",
        "11000000, สิบเอ็ดล้านบาทถ้วน",
        "21000001, ยี่สิบเอ็ดล้านเอ็ดบาทถ้วน",
        "1000000000000, หนึ่งล้านล้านบาทถ้วน",
        "0.01, หนึ่งสตางค์",
        "0.11, สิบเอ็ดสตางค์",
        "0.50, ห้าสิบสตางค์",
        "5.25, ห้าบาทยี่สิบห้าสตางค์",
        "1234567.89, หนึ่งล้านสองแสนสามหมื่นสี่พันห้าร้อยหกสิบเจ็ดบาทแปดสิบเก้าสตางค์",
        "9999999999999999.99, เก้าพันเก้าร้อยเก้าสิบเก้าล้านเก้าแสนเก้าหมื่นเก้าพันเก้าร้อยเก้าสิบเก้าล้านเก้าแสนเก้าหมื่นเก้าพันเก้าร้อยเก้าสิบเก้าบาทเก้าสิบเก้าสตางค์",
    })
    void writesAmountsInThaiWordsAsOnThaiDocuments(String amount, String words) {
        assertThat(BahtText.of(new BigDecimal(amount))).isEqualTo(words);
    }

    @Test
    void neverInsertsInvisibleCharactersAndWritesNegativesWithLop() {
        String words = BahtText.of(new BigDecimal("-101"));
        assertThat(words).isEqualTo("ลบหนึ่งร้อยเอ็ดบาทถ้วน");
        assertThat(words.chars()).noneMatch(c -> c == 0x200B || Character.isWhitespace(c));
    }

    @Test
    void refusesFractionsOfASatang() {
        assertThatThrownBy(() -> BahtText.of(new BigDecimal("1.005"))).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"1, 1.00", "1234.5, 1234.50", "'1,234,567.89', 1234567.89", "' 12 ', 12.00",
        "9999999999999999.99, 9999999999999999.99"})
    void readsAmountsStrictly(String text, String expected) {
        assertThat(Baht.parse(text)).isEqualByComparingTo(expected).hasScaleOf(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "+1", "1e3", "1E3", "1.001", "12,34", "1,2345", "1 000", "๑๒", "0x10", "NaN",
        "12345678901234567", "1..2", ".5", "1,234.567"})
    void refusesAmountsThatAreNotPlainFigures(String text) {
        assertThatThrownBy(() -> Baht.parse(text)).isInstanceOfSatisfying(InvalidValueException.class,
                invalid -> assertThat(invalid.code()).isIn("amount.format", "amount.positive"));
    }

    @Test
    void refusesZeroAndAmountsBeyondTheColumn() {
        assertThatThrownBy(() -> Baht.parse("0.00")).isInstanceOfSatisfying(InvalidValueException.class,
                invalid -> assertThat(invalid.code()).isEqualTo("amount.positive"));
        assertThatThrownBy(() -> Baht.positive(new BigDecimal("10000000000000000.00")))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        invalid -> assertThat(invalid.code()).isEqualTo("amount.tooLarge"));
        assertThat(Baht.format(new BigDecimal("1234567.5"))).isEqualTo("1,234,567.50");
    }
}
