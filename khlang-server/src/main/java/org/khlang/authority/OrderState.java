package org.khlang.authority;

/** The life of an appointment order: drafted by the agency head, submitted, then approved or rejected. */
public enum OrderState {
    DRAFT,
    SUBMITTED,
    APPROVED,
    REJECTED
}
