package org.khlang.identity;

/** Password changes and expiry (R9). */
public interface Passwords {

    /**
     * Changes the account holder's password after checking the current one and the policy: length, a list of
     * common and breached passwords, the username and citizen ID, and the last passwords used.
     */
    PasswordChange change(long accountId, String currentPassword, String newPassword);

    PasswordStatus status(long accountId);

    /** Makes the account holder change the password before doing anything else (R11). */
    void requireChange(long accountId, String reason, org.khlang.shared.Actor actor);
}
