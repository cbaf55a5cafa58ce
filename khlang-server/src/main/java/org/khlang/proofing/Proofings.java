package org.khlang.proofing;

import java.util.Optional;

/** Results of identity proofing (R7). A result binds one new device; a further device needs proofing again. */
public interface Proofings {

    /** A proofing of the account, recent and not yet used to bind a device. */
    Optional<ProofingResult> usableFor(long accountId);

    /** Marks the account's usable proofing as used by a device activation. */
    void consume(long accountId);
}
