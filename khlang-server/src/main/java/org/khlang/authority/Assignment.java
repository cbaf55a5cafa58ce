package org.khlang.authority;

import java.time.LocalDate;

/**
 * One person appointed by an order (R8): the right, primary or substitute (ผู้ปฏิบัติงานแทน), the dates, and what
 * the letter asks the order to say: duties, control guidelines and how the person keeps their credentials. An
 * entry that {@code ends} takes the right away from {@code effectiveFrom} on (R11: a change is a new order).
 */
public record Assignment(long accountId, Right right, boolean substitute, LocalDate effectiveFrom,
                         LocalDate effectiveTo, String duties, String controlGuidelines, String credentialCustody,
                         boolean ends) {
}
