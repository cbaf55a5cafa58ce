package org.khlang.authenticator;

import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.Map;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeviceKeyTests {

    @Test
    void aProofIsAnEs256JwsOverMethodUrlTimeAndAUniqueId() throws Exception {
        DeviceKey key = DeviceKey.generate();

        JWSObject proof = JWSObject.parse(key.proof("device-1", "GET", "http://localhost/api/v1/device/requests",
                Instant.ofEpochSecond(1_740_000_000)));

        assertThat(proof.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
        assertThat(proof.getHeader().getType().getType()).isEqualTo(Protocol.PROOF_TYPE);
        assertThat(proof.getHeader().getKeyID()).isEqualTo("device-1");
        assertThat(proof.verify(new ECDSAVerifier(key.publicJwk()))).isTrue();
        Map<String, Object> claims = proof.getPayload().toJSONObject();
        assertThat(claims).containsEntry("htm", "GET").containsEntry("htu", "http://localhost/api/v1/device/requests")
                .containsEntry("iat", 1_740_000_000L).containsKey("jti");
        assertThat(JWSObject.parse(key.proof("device-1", "GET", "x", Instant.now())).getPayload().toJSONObject()
                .get("jti")).isNotEqualTo(claims.get("jti"));
    }

    @Test
    void theActivationProofCarriesThePublicKeyButNeverThePrivateOne() throws Exception {
        DeviceKey key = DeviceKey.generate();

        JWSObject proof = JWSObject.parse(key.proof(null, "POST", "http://localhost/a", Instant.now()));

        assertThat(proof.getHeader().getJWK()).isNotNull();
        assertThat(proof.getHeader().getJWK().isPrivate()).isFalse();
        assertThat(proof.verify(new ECDSAVerifier(proof.getHeader().getJWK().toECKey()))).isTrue();
    }

    @Test
    void theKeyIsSavedUnderThePinAndRefusedWithAnotherPin(@TempDir Path folder) throws Exception {
        DeviceKey key = DeviceKey.generate();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, "123456".toCharArray());
        key.storeIn(store, "device", "123456".toCharArray());

        DeviceKey loaded = DeviceKey.loadFrom(store, "device", "123456".toCharArray());
        assertThat(loaded.publicJwk()).isEqualTo(key.publicJwk());
        assertThatThrownBy(() -> DeviceKey.loadFrom(store, "device", "654321".toCharArray()))
                .isInstanceOf(DeviceKey.WrongPinException.class);
    }
}
