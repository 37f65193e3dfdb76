package dev.authplane.jdbc;

import dev.authplane.core.storage.StorageException;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts private signing keys at rest with AES-GCM (JCA) under the configured key-encryption key.
 * Stored form: {@code v1.<base64url IV>.<base64url ciphertext+tag>}, with the key's {@code kid} as
 * additional authenticated data, so a ciphertext cannot be moved to another row. Without a
 * key-encryption key, values are stored and read in clear. Thread-safe.
 */
final class PrivateKeyCipher {

    static final String NONE = "none";
    static final String AES_GCM = "aes-gcm";

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final String FORMAT_PREFIX = "v1.";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    /** A value as stored: how it is protected and the stored text. */
    record Sealed(String protection, String value) {
    }

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    private PrivateKeyCipher(SecretKey key) {
        this.key = key;
    }

    /**
     * @param base64Key base64 (standard or URL-safe, padding optional) of a 16, 24 or 32 byte AES
     *                  key, or {@code null} to store keys in clear
     * @throws IllegalArgumentException when the key is not such a value (the message never shows it)
     */
    static PrivateKeyCipher fromBase64(String base64Key) {
        if (base64Key == null) {
            return new PrivateKeyCipher(null);
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key.strip().replace('-', '+').replace('_', '/'));
        } catch (IllegalArgumentException e) {
            raw = new byte[0];
        }
        if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
            throw new IllegalArgumentException(
                    "the key-encryption key must be the base64 encoding of a 16, 24 or 32 byte AES key");
        }
        return new PrivateKeyCipher(new SecretKeySpec(raw, "AES"));
    }

    boolean encrypts() {
        return key != null;
    }

    Sealed seal(String kid, String privateJwkJson) {
        if (key == null) {
            return new Sealed(NONE, privateJwkJson);
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, kid, iv);
            byte[] ciphertext = cipher.doFinal(privateJwkJson.getBytes(StandardCharsets.UTF_8));
            return new Sealed(AES_GCM, FORMAT_PREFIX + B64.encodeToString(iv) + "." + B64.encodeToString(ciphertext));
        } catch (GeneralSecurityException e) {
            throw new StorageException("could not encrypt signing key " + kid, e);
        }
    }

    String open(String kid, String protection, String value) {
        if (NONE.equals(protection)) {
            return value;
        }
        if (!AES_GCM.equals(protection)) {
            throw new StorageException("signing key " + kid + " is stored in an unknown form");
        }
        if (key == null) {
            throw new StorageException("signing key " + kid
                    + " is encrypted at rest, but no key-encryption key is configured");
        }
        return decrypt(kid, value);
    }

    /** Whether this cipher's key opens {@code value}, an {@code aes-gcm} value of {@code kid}. */
    boolean opens(String kid, String value) {
        if (key == null) {
            return false;
        }
        try {
            decrypt(kid, value);
            return true;
        } catch (StorageException e) {
            return false;
        }
    }

    private String decrypt(String kid, String value) {
        String[] parts = value.split("\\.");
        if (parts.length != 3 || !value.startsWith(FORMAT_PREFIX)) {
            throw new StorageException("signing key " + kid + " has a malformed encrypted value");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, kid, B64D.decode(parts[1]));
            return new String(cipher.doFinal(B64D.decode(parts[2])), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new StorageException("signing key " + kid
                    + " could not be decrypted: wrong key-encryption key, or the value was altered", e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new StorageException("signing key " + kid + " could not be decrypted", e);
        }
    }

    private Cipher cipher(int mode, String kid, byte[] iv) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
