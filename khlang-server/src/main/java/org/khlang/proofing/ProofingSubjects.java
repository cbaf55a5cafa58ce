package org.khlang.proofing;

import java.util.Optional;

import org.khlang.shared.CitizenId;

/** The citizen ID on an account's record; implemented by the identity module, which owns people. */
public interface ProofingSubjects {

    Optional<CitizenId> citizenIdOf(long accountId);
}
