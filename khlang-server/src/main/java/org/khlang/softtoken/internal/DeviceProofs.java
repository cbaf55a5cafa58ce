package org.khlang.softtoken.internal;

import java.security.Provider;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.bc.BouncyCastleProviderSingleton;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.ProblemKind;
import org.khlang.softtoken.SoftTokenProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.util.ConcurrentLruCache;

/**
 * Verifies ES256 signatures of device proofs and decisions. Bouncy Castle does the ECDSA verification: on this
 * project's machine it verifies P-256 about nine times faster than the JDK's provider once warm
 * (docs/benchmarks.md), and verification sits on every login and approval. A key's verifier is built once and
 * kept (bounded, least recently used first out): the key then stays in Bouncy Castle's form with the multiples of its
 * point that ECDSA verification precomputes, which cuts a verification from about 0.21 to 0.08 ms here. Only the
 * key's arithmetic is kept; whether the device may act is read from the database on every call.
 */
@Component
class DeviceProofs {

    static final String PROOF_TYPE = "khlang-device-proof+jwt";
    static final String DECISION_TYPE = "khlang-decision+jwt";
    private static final int MAX_JWS_LENGTH = 4096;
    /** Keys kept in their verified, precomputed form: a few kilobytes each. */
    private static final int KEPT_KEYS = 4096;
    private static final Provider BOUNCY_CASTLE = BouncyCastleProviderSingleton.getInstance();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration skew;
    private final ConcurrentLruCache<PublicPoint, ECDSAVerifier> verifiers =
            new ConcurrentLruCache<>(KEPT_KEYS, DeviceProofs::verifierFor);

    DeviceProofs(JdbcClient jdbc, Clock clock, SoftTokenProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.skew = properties.clockSkew();
    }

    /** A parsed, not yet verified JWS with the header fields Khlang uses. */
    record Parsed(JWSObject jws, String keyId, ECKey embeddedKey, Map<String, Object> claims) {
    }

    Parsed parse(String compact, String expectedType, String problemPrefix) {
        if (compact == null || compact.isBlank()) {
            throw refuse(problemPrefix + ".missing");
        }
        if (compact.length() > MAX_JWS_LENGTH) {
            throw refuse(problemPrefix + ".malformed");
        }
        try {
            JWSObject jws = JWSObject.parse(compact.strip());
            if (!JWSAlgorithm.ES256.equals(jws.getHeader().getAlgorithm()) || jws.getHeader().getType() == null
                    || !expectedType.equals(jws.getHeader().getType().getType())) {
                throw refuse(problemPrefix + ".malformed");
            }
            ECKey embedded = jws.getHeader().getJWK() == null ? null : jws.getHeader().getJWK().toECKey();
            if (embedded != null && (embedded.isPrivate() || !Curve.P_256.equals(embedded.getCurve()))) {
                throw refuse(problemPrefix + ".malformed");
            }
            return new Parsed(jws, jws.getHeader().getKeyID(), embedded, jws.getPayload().toJSONObject());
        } catch (ParseException | IllegalStateException malformed) {
            throw refuse(problemPrefix + ".malformed");
        }
    }

    /** Checks the signature against the key; a bad one is refused with {@code <prefix>.signature}. */
    void verifySignature(Parsed parsed, ECKey key, String problemPrefix) {
        try {
            if (!Curve.P_256.equals(key.getCurve())
                    || !parsed.jws().verify(verifiers.get(new PublicPoint(key.getX(), key.getY())))) {
                throw refuse(problemPrefix + ".signature");
            }
        } catch (JOSEException | IllegalStateException invalidKey) {
            throw refuse(problemPrefix + ".signature");
        }
    }

    /** A P-256 public key by its coordinates (base64url, as in the JWK), the whole of what a verifier depends on. */
    private record PublicPoint(Base64URL x, Base64URL y) {
    }

    private static ECDSAVerifier verifierFor(PublicPoint point) {
        try {
            ECKey key = new ECKey.Builder(Curve.P_256, point.x(), point.y()).build();
            ECDSAVerifier verifier = new ECDSAVerifier(key.toECPublicKey(BOUNCY_CASTLE));
            verifier.getJCAContext().setProvider(BOUNCY_CASTLE);
            return verifier;
        } catch (JOSEException | IllegalArgumentException | IllegalStateException invalid) {
            // Not a point of the curve (or not a key at all): no verifier, the signature is refused.
            throw new IllegalStateException("not a usable P-256 key", invalid);
        }
    }

    /** A proof's method, URL, time and unique id; the id is remembered until the proof would be stale anyway. */
    void checkProofClaims(Parsed parsed, String method, String url) {
        Map<String, Object> claims = parsed.claims();
        if (!method.equals(claims.get("htm")) || !url.equals(claims.get("htu"))) {
            throw refuse("device.proof.target");
        }
        Instant issuedAt = checkFresh(claims.get("iat"), "device.proof.stale");
        Object jti = claims.get("jti");
        if (!(jti instanceof String id) || id.isBlank() || id.length() > 64) {
            throw refuse("device.proof.malformed");
        }
        try {
            jdbc.sql("insert into device_proof_jti (jti, expires_at) values (?, ?)")
                    .params(id, issuedAt.plus(skew).plus(skew).atOffset(ZoneOffset.UTC)).update();
        } catch (DuplicateKeyException replayed) {
            throw refuse("device.proof.replayed");
        }
    }

    /** Time claims must be within the allowed clock skew of the server's time. */
    Instant checkFresh(Object iat, String problem) {
        if (!(iat instanceof Number seconds)) {
            throw refuse(problem);
        }
        Instant issuedAt = Instant.ofEpochSecond(seconds.longValue());
        Instant now = clock.instant();
        if (issuedAt.isBefore(now.minus(skew)) || issuedAt.isAfter(now.plus(skew))) {
            throw refuse(problem);
        }
        return issuedAt;
    }

    /** Forgets proof ids that can no longer be replayed (their proofs are stale anyway). Runs every hour. */
    @Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT1H")
    int purge() {
        return jdbc.sql("delete from device_proof_jti where expires_at < ?")
                .param(clock.instant().atOffset(ZoneOffset.UTC)).update();
    }

    static KhlangProblem refuse(String code) {
        ProblemKind kind = Set.of("device.proof.missing", "device.proof.malformed", "device.proof.signature",
                "device.proof.stale", "device.proof.replayed", "device.proof.target", "device.unknown",
                "device.notActive").contains(code) ? ProblemKind.UNAUTHENTICATED : ProblemKind.UNPROCESSABLE;
        return new KhlangProblem(kind, code);
    }
}
