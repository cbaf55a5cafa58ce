package org.khlang.audit;

/** The outcome of re-walking the audit chain from its first event. */
public sealed interface ChainVerification {

    /** Number of events read before the walk ended. */
    long eventsChecked();

    /** Every event links to the one before it and hashes to what is stored. */
    record Intact(long eventsChecked, String headHash) implements ChainVerification {
    }

    /**
     * The first broken link.
     *
     * @param sequence the sequence number of the first event that does not verify
     * @param reason   what is wrong with it: {@code GAP}, {@code PREVIOUS_HASH}, {@code HASH} or {@code HEAD}
     */
    record Broken(long eventsChecked, long sequence, Reason reason) implements ChainVerification {
    }

    enum Reason {
        /** A sequence number is missing: an event was deleted. */
        GAP,
        /** The event does not name the hash of the event before it. */
        PREVIOUS_HASH,
        /** The event's content no longer hashes to its stored hash: it was changed. */
        HASH,
        /** The recorded head of the chain does not match its last event: the tail was cut. */
        HEAD
    }
}
