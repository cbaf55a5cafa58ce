package org.khlang.authenticator;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The device's P-256 key pair. The private key never leaves the device: it signs proofs and decisions here, and
 * is kept in a PKCS#12 file protected by the person's PIN.
 */
public final class DeviceKey {

    private final ECPublicKey publicKey;
    private final ECPrivateKey privateKey;
    private final ECKey publicJwk;

    private DeviceKey(ECPublicKey publicKey, ECPrivateKey privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.publicJwk = new ECKey.Builder(Curve.P_256, publicKey).build();
    }

    /** A fresh key pair. */
    public static DeviceKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            return new DeviceKey((ECPublicKey) pair.getPublic(), (ECPrivateKey) pair.getPrivate());
        } catch (java.security.GeneralSecurityException impossible) {
            throw new IllegalStateException("P-256 is required of every Java platform", impossible);
        }
    }

    /** The public key as a JWK (RFC 7517), which the server binds to the person. */
    public ECKey publicJwk() {
        return publicJwk;
    }

    /**
     * Signs claims as a compact JWS (ES256). With {@code keyId} the header names the bound device; without it the
     * header carries the public JWK itself, as the activation call does before a device id exists.
     */
    public String sign(String type, String keyId, Map<String, Object> claims) {
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType(type));
        if (keyId != null) {
            header.keyID(keyId);
        } else {
            header.jwk(publicJwk);
        }
        JWSObject jws = new JWSObject(header.build(), new Payload(claims));
        try {
            jws.sign(new ECDSASigner(privateKey, Curve.P_256));
        } catch (JOSEException exception) {
            throw new IllegalStateException("cannot sign", exception);
        }
        return jws.serialize();
    }

    /** A device proof for one call: method, absolute URL, time and a unique id. */
    public String proof(String keyId, String method, String url, Instant now) {
        return sign(Protocol.PROOF_TYPE, keyId, Map.of("htm", method, "htu", url, "iat", now.getEpochSecond(),
                "jti", UUID.randomUUID().toString()));
    }

    /** Puts the key, with a self-signed certificate that PKCS#12 requires, into a key store under {@code alias}. */
    void storeIn(KeyStore store, String alias, char[] pin) {
        try {
            X509Certificate certificate = selfSigned();
            store.setKeyEntry(alias, privateKey, pin, new java.security.cert.Certificate[] {certificate});
        } catch (java.security.GeneralSecurityException | OperatorCreationException exception) {
            throw new IllegalStateException("cannot store the device key", exception);
        }
    }

    static DeviceKey loadFrom(KeyStore store, String alias, char[] pin) {
        try {
            PrivateKey key = (PrivateKey) store.getKey(alias, pin);
            if (key == null) {
                throw new IllegalStateException("no device key in the store");
            }
            ECPublicKey publicKey = (ECPublicKey) store.getCertificate(alias).getPublicKey();
            return new DeviceKey(publicKey, (ECPrivateKey) key);
        } catch (java.security.UnrecoverableKeyException wrongPin) {
            throw new WrongPinException();
        } catch (java.security.GeneralSecurityException exception) {
            throw new IllegalStateException("cannot read the device key", exception);
        }
    }

    private X509Certificate selfSigned() throws OperatorCreationException, java.security.GeneralSecurityException {
        X500Name name = new X500Name("CN=Khlang Soft Token device");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(20L * 365 * 24 * 3600)), name, publicKey);
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(privateKey)));
    }

    /** The PIN does not open the key store. */
    public static final class WrongPinException extends RuntimeException {
        WrongPinException() {
            super("wrong PIN");
        }
    }
}
