package dev.authplane.core.key;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored signing key pair. The private material travels as a JWK JSON document
 * ({@link #privateJwkJson()}); storage adapters may encrypt it at rest. {@link #toString()} never
 * shows key material.
 */
public final class SigningKey {

    private final String kid;
    private final String algorithm;
    private final String privateJwkJson;
    private final KeyStatus status;
    private final Instant createdAt;
    private final Instant retiredAt;
    private final Instant publishUntil;

    /**
     * @param kid            key id, unique
     * @param algorithm      JWS algorithm name, {@code ES256} or {@code RS256}
     * @param privateJwkJson the full key pair as a JWK JSON object (contains private members)
     * @param status         lifecycle state
     * @param createdAt      creation time
     * @param retiredAt      when the key stopped signing; {@code null} while active
     * @param publishUntil   until when a retired key stays in the JWKS; {@code null} while active
     */
    public SigningKey(String kid, String algorithm, String privateJwkJson, KeyStatus status, Instant createdAt,
                      Instant retiredAt, Instant publishUntil) {
        this.kid = Objects.requireNonNull(kid, "kid");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.privateJwkJson = Objects.requireNonNull(privateJwkJson, "privateJwkJson");
        this.status = Objects.requireNonNull(status, "status");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        if (status == KeyStatus.RETIRED && (retiredAt == null || publishUntil == null)) {
            throw new IllegalArgumentException("a retired key needs retiredAt and publishUntil");
        }
        if (status == KeyStatus.ACTIVE && (retiredAt != null || publishUntil != null)) {
            throw new IllegalArgumentException("an active key has no retiredAt or publishUntil");
        }
        this.retiredAt = retiredAt;
        this.publishUntil = publishUntil;
    }

    /** A new active key. */
    public static SigningKey active(String kid, String algorithm, String privateJwkJson, Instant createdAt) {
        return new SigningKey(kid, algorithm, privateJwkJson, KeyStatus.ACTIVE, createdAt, null, null);
    }

    /** This key, retired at {@code retiredAt} and published until {@code publishUntil}. */
    public SigningKey retire(Instant retiredAt, Instant publishUntil) {
        return new SigningKey(kid, algorithm, privateJwkJson, KeyStatus.RETIRED, createdAt, retiredAt, publishUntil);
    }

    public String kid() {
        return kid;
    }

    public String algorithm() {
        return algorithm;
    }

    public String privateJwkJson() {
        return privateJwkJson;
    }

    public KeyStatus status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** @return the retirement time, or {@code null} while active */
    public Instant retiredAt() {
        return retiredAt;
    }

    /** @return the end of publication, or {@code null} while active */
    public Instant publishUntil() {
        return publishUntil;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigningKey k && kid.equals(k.kid) && algorithm.equals(k.algorithm)
                && privateJwkJson.equals(k.privateJwkJson) && status == k.status && createdAt.equals(k.createdAt)
                && Objects.equals(retiredAt, k.retiredAt) && Objects.equals(publishUntil, k.publishUntil);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kid, algorithm, status, createdAt, retiredAt, publishUntil);
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", alg=" + algorithm + ", status=" + status + "]";
    }
}
