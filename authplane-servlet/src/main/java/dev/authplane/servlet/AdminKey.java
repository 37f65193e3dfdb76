package dev.authplane.servlet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Objects;

/**
 * The admin API's bearer key. Presented keys are compared in constant time: both sides are hashed
 * with SHA-256 first, so neither the content nor the length of the key leaks through timing. A key
 * must carry at least 128 bits: {@value #MIN_LENGTH} characters or more (22 base64url characters
 * hold 132 random bits) with at least {@value #MIN_DISTINCT} distinct characters, which refuses
 * keys such as one repeated character or {@code 1234567890123456789012}.
 */
final class AdminKey {

    /** The shortest admin key accepted, matching the configuration rule for {@code admin.api_key}. */
    static final int MIN_LENGTH = 22;

    /** The fewest distinct characters an admin key must have. */
    static final int MIN_DISTINCT = 12;

    private static final String BEARER = "bearer ";

    private final byte[] digest;

    AdminKey(String key) {
        Objects.requireNonNull(key, "adminKey");
        String problem = problem(key);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        this.digest = sha256(key);
    }

    /** Why {@code key} is too weak to be an admin key, or {@code null} when it is strong enough. */
    static String problem(String key) {
        String stripped = key.strip();
        if (stripped.length() < MIN_LENGTH) {
            return "the admin key must be at least " + MIN_LENGTH + " characters (128 bits); generate one with"
                    + " openssl rand -base64 24";
        }
        if (stripped.chars().distinct().count() < MIN_DISTINCT) {
            return "the admin key has too little variety (fewer than " + MIN_DISTINCT + " distinct characters);"
                    + " generate one with openssl rand -base64 24";
        }
        return null;
    }

    /**
     * Names this key in the admin audit trail without revealing it: {@code label:} and the first 8
     * hex digits of the key's SHA-256 (32 bits of a hash of at least 128 random bits).
     */
    String fingerprint(String label) {
        return label + ":" + java.util.HexFormat.of().formatHex(digest, 0, 4);
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
