package org.khlang.softtoken;

/**
 * Whether a person whose phone was reported lost may bind a new one yet (R12: a new phone needs identity proofing
 * again and the registrar's approval). Implemented by the support module, which keeps the lost-device reports.
 */
public interface ReplacementPolicy {

    /** Empty when the person may bind a phone; otherwise the message code of the reason. */
    java.util.Optional<String> refusal(long accountId);
}
