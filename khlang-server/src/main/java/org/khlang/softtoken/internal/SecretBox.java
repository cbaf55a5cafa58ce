package org.khlang.softtoken.internal;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.khlang.softtoken.SoftTokenProperties;
import org.springframework.stereotype.Component;

/**
 * Encrypts the offline-code secrets at rest with AES-256-GCM under {@code khlang.softtoken.secret-key}, so that
 * a copy of the database alone does not yield anyone's codes. Khlang refuses to start without the key.
 */
@Component
class SecretBox {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    SecretBox(SoftTokenProperties properties) {
        if (properties.secretKey() == null || properties.secretKey().isBlank()) {
            throw new IllegalStateException("khlang.softtoken.secret-key (KHLANG_SOFTTOKEN_SECRETKEY) must be set:"
                    + " base64 of 32 random bytes, e.g. from `openssl rand -base64 32`");
        }
        byte[] bytes = Base64.getDecoder().decode(properties.secretKey().strip());
        if (bytes.length != 32) {
            throw new IllegalStateException("khlang.softtoken.secret-key must be 32 bytes, base64");
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    String seal(byte[] plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce)
                    .put(sealed).array());
        } catch (GeneralSecurityException exception) {
            throw new IllegalStateException("cannot seal", exception);
        }
    }

    byte[] open(String sealed) {
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            return cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
        } catch (GeneralSecurityException exception) {
            throw new IllegalStateException("cannot open a sealed secret: wrong khlang.softtoken.secret-key?", exception);
        }
    }
}
