package org.khlang.identity;

/**
 * A username and a one-time initial password, to be handed to the person once (on screen or as a printed
 * letter). The password is never stored or shown again; {@link #toString()} leaves it out.
 */
public record IssuedCredential(Person person, Account account, String initialPassword,
                               java.time.Instant validUntil) {

    @Override
    public String toString() {
        return "IssuedCredential[" + account.username() + "]";
    }
}
