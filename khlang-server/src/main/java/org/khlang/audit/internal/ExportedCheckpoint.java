package org.khlang.audit.internal;

import java.text.ParseException;
import java.time.Instant;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;

/**
 * One checkpoint read back from an export, as its signature states it. {@code sequence} and {@code headHash} come
 * from the signed payload; {@code -1} and {@code ""} when the JWS cannot be parsed at all.
 */
record ExportedCheckpoint(long sequence, String headHash, Instant signedAt, String jws) {

    static ExportedCheckpoint of(String jws) {
        try {
            Map<String, Object> claims = JWSObject.parse(jws).getPayload().toJSONObject();
            long sequence = claims.get("seq") instanceof Number seq ? seq.longValue() : -1;
            String hash = claims.get("hash") instanceof String value ? value : "";
            Instant signedAt = claims.get("iat") instanceof Number iat ? Instant.ofEpochSecond(iat.longValue()) : null;
            return new ExportedCheckpoint(sequence, hash, signedAt, jws);
        } catch (ParseException | RuntimeException malformed) {
            return new ExportedCheckpoint(-1, "", null, jws);
        }
    }

    boolean signedBy(ECKey publicKey) {
        try {
            JWSObject parsed = JWSObject.parse(jws);
            return sequence > 0 && parsed.verify(new ECDSAVerifier(publicKey))
                    && SignedCheckpoints.TYPE.equals(String.valueOf(parsed.getHeader().getType()))
                    && "khlang".equals(parsed.getPayload().toJSONObject().get("iss"));
        } catch (ParseException | JOSEException | RuntimeException malformed) {
            return false;
        }
    }
}
