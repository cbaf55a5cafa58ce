package org.khlang.softtoken;

/** A device was suspended (lost phone, R12): its person's sessions end at once, on every node. */
public record DeviceSuspended(String deviceId, long accountId, String username) {
}
