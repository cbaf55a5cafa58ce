package org.khlang.identity;

import java.util.List;

/** The outcome of a password change: changed, or refused with the reasons (message codes). */
public sealed interface PasswordChange {

    record Changed() implements PasswordChange {
    }

    record Refused(List<String> reasons) implements PasswordChange {
        public Refused {
            reasons = List.copyOf(reasons);
        }
    }
}
