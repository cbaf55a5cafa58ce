package org.khlang.softtoken;

import java.time.Instant;

/** A phone (or other authenticator) bound to one person. */
public record Device(String id, long accountId, String name, DeviceState state, Instant createdAt,
                     Instant activatedAt, Instant suspendedAt) {
}
