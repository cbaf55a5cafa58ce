package org.khlang.identity;

import java.time.Instant;

/**
 * Where an account's password stands (R9).
 *
 * @param expiresAt        when it must be changed by
 * @param mustChange       a change is due now: first login, expired, or flagged (R11)
 * @param daysLeft         whole days until it expires (0 when due)
 * @param warn             whether to warn the person that the date is near
 */
public record PasswordStatus(Instant expiresAt, boolean mustChange, long daysLeft, boolean warn) {
}
