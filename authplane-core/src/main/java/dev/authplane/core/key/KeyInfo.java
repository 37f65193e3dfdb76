package dev.authplane.core.key;

import java.time.Instant;
import java.util.Objects;

/**
 * What an operator may see of a signing key: its identity and lifecycle, never key material.
 *
 * @param kid          key id, as in the {@code kid} header of the tokens it signed
 * @param algorithm    JWS algorithm name, {@code ES256} or {@code RS256}
 * @param status       {@code ACTIVE} or {@code RETIRED}
 * @param createdAt    creation time
 * @param retiredAt    when the key stopped signing; {@code null} while active
 * @param publishUntil until when the key stays in the JWKS; {@code null} while active
 */
public record KeyInfo(String kid, String algorithm, KeyStatus status, Instant createdAt, Instant retiredAt,
                      Instant publishUntil) {

    public KeyInfo {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The public view of a stored key. */
    public static KeyInfo of(SigningKey key) {
        return new KeyInfo(key.kid(), key.algorithm(), key.status(), key.createdAt(), key.retiredAt(),
                key.publishUntil());
    }
}
