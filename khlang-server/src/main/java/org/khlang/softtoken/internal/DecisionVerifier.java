package org.khlang.softtoken.internal;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.khlang.shared.KhlangProblem;
import org.khlang.softtoken.SignedDecision;
import org.khlang.softtoken.SignedDecisions;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

@Component
class DecisionVerifier implements SignedDecisions {

    private final DeviceProofs proofs;
    private final SoftTokenStore store;

    DecisionVerifier(DeviceProofs proofs, SoftTokenStore store) {
        this.proofs = proofs;
        this.store = store;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<SignedDecision> verify(String compactJws) {
        try {
            DeviceProofs.Parsed parsed = proofs.parse(compactJws, DeviceProofs.DECISION_TYPE, "decision");
            if (parsed.keyId() == null) {
                return Optional.empty();
            }
            Optional<DeviceRecord> device = store.device(parsed.keyId());
            if (device.isEmpty() || device.get().publicKey() == null) {
                return Optional.empty();
            }
            proofs.verifySignature(parsed, device.get().publicKey(), "decision");
            Map<String, Object> claims = parsed.claims();
            Instant signedAt = claims.get("iat") instanceof Number seconds ? Instant.ofEpochSecond(seconds.longValue())
                    : null;
            return Optional.of(new SignedDecision(device.get().id(), device.get().accountId(),
                    String.valueOf(claims.get("rid")), String.valueOf(claims.get("decision")),
                    claims.get("sha256") instanceof String sha ? sha : null, signedAt));
        } catch (KhlangProblem refused) {
            return Optional.empty();
        }
    }
}
