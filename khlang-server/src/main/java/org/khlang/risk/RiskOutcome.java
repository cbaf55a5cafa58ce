package org.khlang.risk;

import java.util.Map;

/**
 * What a rule says about one document at one approval: a value, never an exception. {@link Flag} is shown and
 * listed; {@link Hold} also stops approval 2 until the agency head releases it on their phone.
 */
public sealed interface RiskOutcome {

    /** Nothing found. */
    record Clear(RiskRule rule) implements RiskOutcome {
    }

    /** Shown to the approver on screen and on the phone, and listed for the head and internal audit. */
    record Flag(RiskRule rule, Reason reason) implements RiskOutcome {
    }

    /** Approval 2 is refused until the agency head confirms on their own phone that it was examined. */
    record Hold(RiskRule rule, Reason reason) implements RiskOutcome {
    }

    RiskRule rule();

    /**
     * Why, in Thai and English, with the evidence: which rows and which dates. {@code key} names what the finding is
     * about (the other document, the change), so that asking again does not list the same finding twice.
     */
    record Reason(String th, String en, Map<String, Object> evidence, String key) {
        public Reason {
            evidence = Map.copyOf(evidence);
        }
    }

    /** A flag or a hold, as the setting of the rule says. */
    static RiskOutcome of(RiskRule rule, boolean hold, Reason reason) {
        return hold ? new Hold(rule, reason) : new Flag(rule, reason);
    }
}
