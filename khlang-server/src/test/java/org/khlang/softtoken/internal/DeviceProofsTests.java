package org.khlang.softtoken.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.shared.KhlangProblem;
import org.khlang.softtoken.SoftTokenProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Signature checks with kept verifiers: a key's verifier is built once and reused, and a kept verifier never vouches
 * for a signature made with another key.
 */
@Tag("R5")
class DeviceProofsTests {

    private final DeviceProofs proofs = new DeviceProofs(null, Clock.systemUTC(), new SoftTokenProperties(
            Duration.ofMinutes(10), Duration.ofSeconds(120), Duration.ofMinutes(5), 5, Duration.ofMinutes(10),
            Duration.ofSeconds(60), true, null, false, LocalDate.of(2025, 2, 10), LocalDate.of(2025, 4, 11),
            LocalDate.of(2025, 1, 6), 10, Duration.ofMinutes(15), 100));

    @Test
    void aKeptVerifierAcceptsItsOwnKeysSignaturesOnlyHoweverOftenItIsAsked() throws Exception {
        ECKey phone = new ECKeyGenerator(Curve.P_256).generate();
        ECKey other = new ECKeyGenerator(Curve.P_256).generate();
        DeviceProofs.Parsed signedByPhone = proofs.parse(sign(phone, "{\"n\":1}"), DeviceProofs.PROOF_TYPE, "device.proof");
        DeviceProofs.Parsed signedByOther = proofs.parse(sign(other, "{\"n\":2}"), DeviceProofs.PROOF_TYPE, "device.proof");

        for (int i = 0; i < 3; i++) {
            proofs.verifySignature(signedByPhone, phone.toPublicJWK(), "device.proof");
            proofs.verifySignature(signedByOther, other.toPublicJWK(), "device.proof");
            assertRefused(signedByOther, phone.toPublicJWK());
            assertRefused(signedByPhone, other.toPublicJWK());
        }
    }

    @Test
    void aChangedPayloadOrSignatureIsRefusedByTheKeptVerifier() throws Exception {
        ECKey phone = new ECKeyGenerator(Curve.P_256).generate();
        String compact = sign(phone, "{\"decision\":\"APPROVE\",\"number\":42}");
        proofs.verifySignature(proofs.parse(compact, DeviceProofs.PROOF_TYPE, "device.proof"), phone.toPublicJWK(),
                "device.proof");
        String[] parts = compact.split("\\.");
        String otherPayload = Base64URL.encode("{\"decision\":\"APPROVE\",\"number\":43}").toString();
        assertRefused(proofs.parse(parts[0] + "." + otherPayload + "." + parts[2], DeviceProofs.PROOF_TYPE,
                "device.proof"), phone.toPublicJWK());
        char last = parts[2].charAt(10);
        String otherSignature = parts[2].substring(0, 10) + (last == 'A' ? 'B' : 'A') + parts[2].substring(11);
        assertRefused(proofs.parse(parts[0] + "." + parts[1] + "." + otherSignature, DeviceProofs.PROOF_TYPE,
                "device.proof"), phone.toPublicJWK());
    }

    @Test
    void aKeyThatIsNotAPointOfTheCurveCannotReachTheVerifier() throws Exception {
        ECKey phone = new ECKeyGenerator(Curve.P_256).generate();
        // A stored or embedded key is read with ECKey.parse, which refuses coordinates off the curve (an
        // invalid-curve attack would need one); the verifier is never built for such a key.
        String json = phone.toPublicJWK().toJSONString().replace(phone.getY().toString(), phone.getX().toString());
        assertThatThrownBy(() -> ECKey.parse(json)).isInstanceOf(java.text.ParseException.class);
    }

    private void assertRefused(DeviceProofs.Parsed parsed, ECKey key) {
        assertThatThrownBy(() -> proofs.verifySignature(parsed, key, "device.proof"))
                .isInstanceOfSatisfying(KhlangProblem.class,
                        problem -> assertThat(problem.code()).isEqualTo("device.proof.signature"));
    }

    private static String sign(ECKey key, String payload) throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(new JOSEObjectType(DeviceProofs.PROOF_TYPE)).build(), new Payload(payload));
        jws.sign(new ECDSASigner(key));
        return jws.serialize();
    }
}
