package org.khlang.identity;

/** The life of an account. */
public enum AccountState {
    /** Credentials issued; the initial password has not been changed yet. */
    ISSUED,
    /** In use. */
    ACTIVE,
    /** Locked by a registrar (e.g. on suspicion); a registrar can unlock it. */
    LOCKED,
    /** Closed for good, e.g. the person left the service. */
    DISABLED
}
