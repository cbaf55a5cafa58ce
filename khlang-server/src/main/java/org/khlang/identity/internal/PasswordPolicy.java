package org.khlang.identity.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.khlang.identity.IdentityProperties;
import org.khlang.shared.CitizenId;
import org.springframework.stereotype.Component;

/**
 * What makes a new password acceptable (R9 with NIST SP 800-63B and ASVS V6): length, not common or breached,
 * not built from the username or citizen ID. Reuse of recent passwords is checked by {@link PasswordService},
 * which holds the hashes. No composition rules: they make passwords harder to remember, not to guess.
 */
@Component
class PasswordPolicy {

    private final IdentityProperties properties;
    private final CommonPasswords common;

    PasswordPolicy(IdentityProperties properties, CommonPasswords common) {
        this.properties = properties;
        this.common = common;
    }

    /** Message codes of every rule the password breaks; empty when it is acceptable. */
    List<String> check(String password, String username, CitizenId citizenId) {
        List<String> reasons = new ArrayList<>();
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        if (length < properties.passwordMinLength()) {
            reasons.add("password.tooShort");
            return reasons;
        }
        if (length > properties.passwordMaxLength()) {
            reasons.add("password.tooLong");
            return reasons;
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null && lower.contains(username.toLowerCase(Locale.ROOT))) {
            reasons.add("password.containsUsername");
        }
        if (citizenId != null && digitsOf(password).contains(citizenId.value().substring(3))) {
            reasons.add("password.containsCitizenId");
        }
        if (common.isCommon(password)) {
            reasons.add("password.common");
        }
        return reasons;
    }

    private static String digitsOf(String text) {
        StringBuilder digits = new StringBuilder();
        text.chars().filter(Character::isDigit).forEach(c -> digits.append(Character.getNumericValue(c)));
        return digits.toString();
    }
}
