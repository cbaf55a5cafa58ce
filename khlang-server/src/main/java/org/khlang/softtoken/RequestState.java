package org.khlang.softtoken;

/** Where a request to the phone stands. */
public enum RequestState {
    PENDING,
    APPROVED,
    DENIED,
    EXPIRED,
    CANCELLED,
    /** An approved login that completed a browser session; it cannot complete another. */
    CONSUMED
}
