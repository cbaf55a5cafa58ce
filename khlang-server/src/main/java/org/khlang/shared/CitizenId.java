package org.khlang.shared;

/**
 * A Thai citizen identification number (เลขประจำตัวประชาชน): 13 digits, the last a check digit.
 *
 * <p>The check digit is {@code (11 - (sum of digit[i] * (13 - i) for i in 0..11) mod 11) mod 10}.
 * {@link #toString()} masks the number so that it never reaches a log in full.
 */
public record CitizenId(String value) {

    public CitizenId {
        if (value == null) {
            throw new InvalidValueException("citizenId.required");
        }
        value = value.replace("-", "").replace(" ", "");
        if (!value.matches("[0-9]{13}")) {
            throw new InvalidValueException("citizenId.format");
        }
        if (value.charAt(0) == '0') {
            throw new InvalidValueException("citizenId.format");
        }
        if (checkDigit(value) != value.charAt(12) - '0') {
            throw new InvalidValueException("citizenId.checkDigit");
        }
    }

    public static CitizenId of(String value) {
        return new CitizenId(value);
    }

    /** The check digit that the first twelve digits of {@code digits} call for. */
    public static int checkDigit(String digits) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (digits.charAt(i) - '0') * (13 - i);
        }
        return (11 - sum % 11) % 10;
    }

    /** Completes twelve digits with their check digit; used by demo data and tests. */
    public static CitizenId completing(String twelveDigits) {
        return new CitizenId(twelveDigits + checkDigit(twelveDigits));
    }

    /** The number as people write it: 1-2345-67890-12-3. */
    public String formatted() {
        return value.charAt(0) + "-" + value.substring(1, 5) + "-" + value.substring(5, 10) + "-"
                + value.substring(10, 12) + "-" + value.charAt(12);
    }

    /** Only the last four digits show: x-xxxx-xxxxx-12-3. */
    public String masked() {
        return "x-xxxx-xxxxx-" + value.substring(10, 12) + "-" + value.charAt(12);
    }

    @Override
    public String toString() {
        return masked();
    }
}
