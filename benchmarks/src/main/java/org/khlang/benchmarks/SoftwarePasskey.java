package org.khlang.benchmarks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;

/**
 * A passkey played by the harness, as a platform authenticator would (ES256, user verified): the benchmark measures
 * sign-ins, not registration, so the credential is put where a registration leaves it (Spring Security's
 * user_entities and user_credentials, the public key COSE-encoded by webauthn4j, and Khlang's passkey row, ACTIVE).
 * Each assertion is what a browser sends: authenticator data, client data and the signature over both; the server's
 * verifier (Spring Security with webauthn4j) checks them as it checks any browser's.
 */
final class SoftwarePasskey {

    private static final Pattern CHALLENGE = Pattern.compile("\"challenge\"\\s*:\\s*\"([^\"]+)\"");
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final KeyPair keys;
    private final byte[] credentialId;
    private final byte[] userHandle;
    private final String rpId;
    private final String origin;

    private SoftwarePasskey(KeyPair keys, byte[] credentialId, byte[] userHandle, String rpId, String origin) {
        this.keys = keys;
        this.credentialId = credentialId;
        this.userHandle = userHandle;
        this.rpId = rpId;
        this.origin = origin;
    }

    /** A new ES256 passkey of the account, stored as Khlang stores a registered and phone-confirmed one. */
    static SoftwarePasskey registered(Connection connection, long accountId, String username, String rpId,
                                      String origin) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        SecureRandom random = new SecureRandom();
        byte[] credentialId = new byte[32];
        random.nextBytes(credentialId);
        byte[] userHandle = new byte[32];
        random.nextBytes(userHandle);
        ObjectConverter converter = new ObjectConverter();
        EC2COSEKey key = EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256);
        byte[] cose = converter.getCborConverter().writeValueAsBytes(key);
        // What a registration leaves: the attestation ("none": no statement, as most passkeys send) whose
        // authenticator data carries the credential's id and key, and the client data of the ceremony.
        byte[] attestation = new AttestationObjectConverter(converter).convertToBytes(new AttestationObject(
                new AuthenticatorData<>(MessageDigest.getInstance("SHA-256").digest(
                        rpId.getBytes(StandardCharsets.UTF_8)), (byte) 0x45, 0,
                        new AttestedCredentialData(new AAGUID(new byte[16]), credentialId, key)),
                new NoneAttestationStatement()));
        byte[] registrationClientData = ("{\"type\":\"webauthn.create\",\"challenge\":\""
                + URL.encodeToString(new byte[32]) + "\",\"origin\":\"" + origin + "\",\"crossOrigin\":false}")
                .getBytes(StandardCharsets.UTF_8);
        Timestamp now = Timestamp.from(Instant.now());
        String id = URL.encodeToString(credentialId);
        try (PreparedStatement user = connection.prepareStatement(
                "insert into user_entities (id, name, display_name) values (?, ?, ?)");
             PreparedStatement credential = connection.prepareStatement("""
                     insert into user_credentials (credential_id, user_entity_user_id, public_key, signature_count,
                         uv_initialized, backup_eligible, authenticator_transports, public_key_credential_type,
                         backup_state, attestation_object, attestation_client_data_json, created, last_used, label)
                     values (?, ?, ?, 0, true, false, 'internal', 'public-key', false, ?, ?, ?, ?,
                             'benchmark passkey')""");
             PreparedStatement passkey = connection.prepareStatement("""
                     insert into passkey (credential_id, account_id, label, state, created_at, confirmed_at,
                                          activated_at)
                     values (?, ?, 'benchmark passkey', 'ACTIVE', ?, ?, ?)""")) {
            user.setString(1, URL.encodeToString(userHandle));
            user.setString(2, username);
            user.setString(3, username);
            user.executeUpdate();
            credential.setString(1, id);
            credential.setString(2, URL.encodeToString(userHandle));
            credential.setBytes(3, cose);
            credential.setBytes(4, attestation);
            credential.setBytes(5, registrationClientData);
            credential.setTimestamp(6, now);
            credential.setTimestamp(7, now);
            credential.executeUpdate();
            OffsetDateTime at = OffsetDateTime.now();
            passkey.setString(1, id);
            passkey.setLong(2, accountId);
            passkey.setObject(3, at);
            passkey.setObject(4, at);
            passkey.setObject(5, at);
            passkey.executeUpdate();
        }
        return new SoftwarePasskey(keys, credentialId, userHandle, rpId, origin);
    }

    /** The browser's answer to the server's request options (navigator.credentials.get), as Khlang's page posts it. */
    String assertion(String requestOptionsJson) throws Exception {
        Matcher challenge = CHALLENGE.matcher(requestOptionsJson);
        if (!challenge.find()) {
            throw new IllegalStateException("no challenge in the passkey options: " + requestOptionsJson);
        }
        byte[] clientData = ("{\"type\":\"webauthn.get\",\"challenge\":\"" + challenge.group(1) + "\",\"origin\":\""
                + origin + "\",\"crossOrigin\":false}").getBytes(StandardCharsets.UTF_8);
        // rpIdHash, flags (user present 0x01, user verified 0x04), signature counter 0 (counters not kept)
        byte[] authenticatorData = ByteBuffer.allocate(37)
                .put(MessageDigest.getInstance("SHA-256").digest(rpId.getBytes(StandardCharsets.UTF_8)))
                .put((byte) 0x05).putInt(0).array();
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keys.getPrivate());
        signer.update(authenticatorData);
        signer.update(MessageDigest.getInstance("SHA-256").digest(clientData));
        String id = URL.encodeToString(credentialId);
        return "{\"id\":\"" + id + "\",\"rawId\":\"" + id + "\",\"type\":\"public-key\",\"clientExtensionResults\":{},"
                + "\"authenticatorAttachment\":\"platform\",\"response\":{\"clientDataJSON\":\""
                + URL.encodeToString(clientData) + "\",\"authenticatorData\":\"" + URL.encodeToString(authenticatorData)
                + "\",\"signature\":\"" + URL.encodeToString(signer.sign()) + "\",\"userHandle\":\""
                + URL.encodeToString(userHandle) + "\"}}";
    }
}
