package org.khlang.softtoken;

/** ACTIVE after activation; SUSPENDED at once when lost (R12); REVOKED when replaced. */
public enum DeviceState {
    /** Bound, waiting for its first approval that proves possession of the key. */
    PENDING,
    ACTIVE,
    SUSPENDED,
    REVOKED
}
