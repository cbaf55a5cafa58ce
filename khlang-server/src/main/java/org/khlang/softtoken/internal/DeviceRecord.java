package org.khlang.softtoken.internal;

import java.time.Instant;

import com.nimbusds.jose.jwk.ECKey;
import org.khlang.softtoken.Device;
import org.khlang.softtoken.DeviceState;

/** A device row with its public key and sealed offline-code secret. */
record DeviceRecord(String id, long accountId, String name, DeviceState state, ECKey publicKey, String sealedSecret,
                    long lastTotpStep, Instant createdAt, Instant activatedAt, Instant suspendedAt) {

    Device toDevice() {
        return new Device(id, accountId, name, state, createdAt, activatedAt, suspendedAt);
    }
}
