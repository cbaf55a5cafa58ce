package org.khlang.identity;

import java.util.Locale;
import java.util.Optional;

import org.khlang.authority.Right;

/**
 * The four credentials of the old system and the right each becomes (R1, letter item 1.1).
 */
public enum LegacyCredential {
    /** Token Key + รหัสผ่าน "บันทึกลง". */
    TOKEN_KEY_RECORDER(Right.RECORDER, true),
    /** Token Key "อนุมัติ ๑". */
    TOKEN_KEY_WITHDRAWAL_APPROVER(Right.WITHDRAWAL_APPROVER, true),
    /** Token Key "อนุมัติ ๒". */
    TOKEN_KEY_PAYMENT_APPROVER(Right.PAYMENT_APPROVER, true),
    /** Username + รหัสผ่าน "บันทึกลง". */
    USERNAME_RECORDER(Right.RECORDER, false);

    private final Right right;
    private final boolean tokenKey;

    LegacyCredential(Right right, boolean tokenKey) {
        this.right = right;
        this.tokenKey = tokenKey;
    }

    /** The right this credential maps to (R1). */
    public Right right() {
        return right;
    }

    /** A Token Key holder has no username yet and is issued one (R2). */
    public boolean isTokenKey() {
        return tokenKey;
    }

    /** Reads the credential as written in an import file, by name or in Thai. */
    public static Optional<LegacyCredential> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT)
                .replace('๑', '1').replace('๒', '2').replace("\"", "");
        for (LegacyCredential credential : values()) {
            if (credential.name().toLowerCase(Locale.ROOT).equals(value)) {
                return Optional.of(credential);
            }
        }
        return switch (value) {
            case "token key + รหัสผ่าน บันทึกลง", "token key บันทึกลง" -> Optional.of(TOKEN_KEY_RECORDER);
            case "token key อนุมัติ 1" -> Optional.of(TOKEN_KEY_WITHDRAWAL_APPROVER);
            case "token key อนุมัติ 2" -> Optional.of(TOKEN_KEY_PAYMENT_APPROVER);
            case "username + รหัสผ่าน บันทึกลง", "username บันทึกลง" -> Optional.of(USERNAME_RECORDER);
            default -> Optional.empty();
        };
    }
}
