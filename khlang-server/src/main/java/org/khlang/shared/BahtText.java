package org.khlang.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An amount of money in Thai words, as it is written on cheques, receipts and withdrawal documents:
 * 101 → "หนึ่งร้อยเอ็ดบาทถ้วน", 1,000,001.50 → "หนึ่งล้านเอ็ดบาทห้าสิบสตางค์".
 *
 * <p>The rules: a one in the units place is "เอ็ด" whenever any higher digit of the same number is not zero
 * (11, 101, 1,000,001), otherwise "หนึ่ง"; a two in the tens place is "ยี่สิบ" and a one there is plain "สิบ";
 * millions repeat ("หนึ่งล้านล้าน"); an amount with no satang ends in "ถ้วน". ICU's spell-out gets the first
 * rule wrong and knows neither baht nor satang, hence this class.
 */
public final class BahtText {

    private static final String[] DIGITS = {"ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า"};
    private static final String[] PLACES = {"", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน"};
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private BahtText() {
    }

    /** The amount in Thai words; it must have at most two decimal places (satang). */
    public static String of(BigDecimal amount) {
        if (amount == null) {
            throw new IllegalArgumentException("amount is required");
        }
        BigDecimal exact;
        try {
            exact = amount.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException moreThanSatang) {
            throw new IllegalArgumentException("an amount of baht has at most two decimal places: " + amount);
        }
        if (exact.signum() < 0) {
            return "ลบ" + of(exact.negate());
        }
        BigDecimal baht = exact.setScale(0, RoundingMode.DOWN);
        int satang = exact.subtract(baht).movePointRight(2).intValueExact();
        if (baht.signum() == 0 && satang == 0) {
            return "ศูนย์บาทถ้วน";
        }
        StringBuilder text = new StringBuilder();
        if (baht.signum() > 0) {
            text.append(words(baht)).append("บาท");
        }
        if (satang == 0) {
            text.append("ถ้วน");
        } else {
            text.append(words(BigDecimal.valueOf(satang))).append("สตางค์");
        }
        return text.toString();
    }

    /** A whole positive number in words: each group of six digits, joined by "ล้าน". */
    static String words(BigDecimal whole) {
        BigDecimal[] split = whole.divideAndRemainder(MILLION);
        int low = split[1].intValueExact();
        if (split[0].signum() == 0) {
            return group(low, false);
        }
        return words(split[0]) + "ล้าน" + group(low, true);
    }

    /** Up to six digits; {@code higher} says whether digits above this group exist (then 1 → "เอ็ด"). */
    private static String group(int number, boolean higher) {
        StringBuilder text = new StringBuilder();
        String digits = Integer.toString(number);
        int length = digits.length();
        for (int i = 0; i < length; i++) {
            int digit = digits.charAt(i) - '0';
            int place = length - 1 - i;
            if (digit == 0) {
                continue;
            }
            if (place == 0 && digit == 1 && (higher || number > 1)) {
                text.append("เอ็ด");
            } else if (place == 1 && digit == 1) {
                text.append("สิบ");
            } else if (place == 1 && digit == 2) {
                text.append("ยี่สิบ");
            } else {
                text.append(DIGITS[digit]).append(PLACES[place]);
            }
        }
        return text.toString();
    }
}
