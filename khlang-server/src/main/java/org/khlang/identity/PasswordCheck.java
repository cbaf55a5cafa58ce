package org.khlang.identity;

import java.util.Optional;

/**
 * The password alone, for the one step that must work without the phone: reporting it lost (R12). Checked exactly
 * like a sign-in — throttled per username, the same hash and the same answer for an unknown username — and recorded.
 */
public interface PasswordCheck {

    /** The account whose username and password these are, if they are right and the account may sign in. */
    Optional<Long> verify(String username, String password);
}
