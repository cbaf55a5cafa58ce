package org.khlang.identity;

import java.time.Instant;
import java.util.List;

import org.khlang.shared.Actor;

/** A person's passkeys, as the Contact Center sees and suspends them (a lost computer or security key). */
public interface PersonPasskeys {

    /** A passkey of an account: its name, state (PENDING, AWAITING_REGISTRAR, ACTIVE, SUSPENDED) and use. */
    record Passkey(String credentialId, String label, String state, Instant createdAt, Instant lastUsedAt) {
    }

    List<Passkey> of(long accountId);

    /** Whether the person holds an active passkey. */
    boolean hasActive(long accountId);

    /** Whether the person lost the only passkey the policy requires of them and awaits a registrar's approval. */
    boolean lossOpen(long accountId);

    /** Whether holding this right requires signing in with a passkey (the policy, {@code khlang.passkeys.*}). */
    boolean requiredFor(org.khlang.authority.Right right);

    /** Suspends at once; audited with the reason. False if the account has no such passkey not yet suspended. */
    boolean suspend(long accountId, String credentialId, String reason, Actor actor);
}
