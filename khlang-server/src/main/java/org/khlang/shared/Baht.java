package org.khlang.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Amounts of money: {@link BigDecimal} with exactly two decimal places (satang), never {@code double}, and at most
 * what {@code numeric(18,2)} holds. Input is read strictly — digits with optional thousands commas and at most two
 * decimals; no signs, exponents, spaces inside or other digits.
 */
public final class Baht {

    /** The largest amount a {@code numeric(18,2)} column holds. */
    public static final BigDecimal MAX = new BigDecimal("9999999999999999.99");

    private static final Pattern AMOUNT = Pattern.compile("(?:\\d{1,16}|\\d{1,3}(?:,\\d{3}){1,5})(?:\\.\\d{1,2})?");

    private Baht() {
    }

    /** Parses a positive amount typed by a person or sent by a client: "1,234.5" → 1234.50. */
    public static BigDecimal parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidValueException("amount.required");
        }
        if (!AMOUNT.matcher(trimmed).matches()) {
            throw new InvalidValueException("amount.format");
        }
        return positive(new BigDecimal(trimmed.replace(",", "")));
    }

    /** Checks an amount given as a number: greater than zero, at most two decimals, within {@link #MAX}. */
    public static BigDecimal positive(BigDecimal amount) {
        BigDecimal exact = nonNegative(amount);
        if (exact.signum() == 0) {
            throw new InvalidValueException("amount.positive");
        }
        return exact;
    }

    /** As {@link #positive} but zero is allowed (an allotment not yet given, a balance). */
    public static BigDecimal nonNegative(BigDecimal amount) {
        if (amount == null) {
            throw new InvalidValueException("amount.required");
        }
        BigDecimal exact;
        try {
            exact = amount.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException moreThanSatang) {
            throw new InvalidValueException("amount.format");
        }
        if (exact.signum() < 0) {
            throw new InvalidValueException("amount.positive");
        }
        if (exact.compareTo(MAX) > 0) {
            throw new InvalidValueException("amount.tooLarge");
        }
        return exact;
    }

    /** "1,234,567.50", as amounts are written on Thai documents. */
    public static String format(BigDecimal amount) {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format.format(amount.setScale(2, RoundingMode.UNNECESSARY));
    }

    /** The canonical text of an amount inside signed content: plain digits, two decimals ("1234.50"). */
    public static String canonical(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }
}
