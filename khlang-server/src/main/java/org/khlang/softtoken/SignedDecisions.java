package org.khlang.softtoken;

import java.util.Optional;

/**
 * Re-verifies signed decisions kept with what was approved (non-repudiation, design.md 4.4): anyone can check later,
 * even after the phone was suspended or replaced, that the decision was signed by that person's device key.
 */
public interface SignedDecisions {

    /** The verified decision, or empty when it is malformed, its device is unknown or its signature does not verify. */
    Optional<SignedDecision> verify(String compactJws);
}
