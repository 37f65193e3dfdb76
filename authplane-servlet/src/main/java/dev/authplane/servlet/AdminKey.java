package dev.authplane.servlet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Objects;

/**
 * The admin API's bearer key. Presented keys are compared in constant time: both sides are hashed
 * with SHA-256 first, so neither the content nor the length of the key leaks through timing.
 */
final class AdminKey {

    /** The shortest admin key accepted, matching the configuration rule for {@code admin.api_key}. */
    static final int MIN_LENGTH = 16;

    private static final String BEARER = "bearer ";

    private final byte[] digest;

    AdminKey(String key) {
        Objects.requireNonNull(key, "adminKey");
        if (key.strip().length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the admin key must be at least " + MIN_LENGTH + " characters");
        }
        this.digest = sha256(key);
    }

    /** Whether an {@code Authorization} header value is {@code Bearer <this key>}. */
    boolean accepts(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(authorization.substring(BEARER.length()).strip()));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
