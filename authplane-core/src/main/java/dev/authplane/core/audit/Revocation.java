package dev.authplane.core.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * When and why a token was revoked: recorded on its issuance row (RFC 7009 by the client, or an
 * administrative revocation), shown by {@code issuance list}.
 *
 * @param at     when the revocation took effect
 * @param reason a short operator-readable reason, e.g. {@code revoked by the client}; at most
 *               {@value #MAX_REASON_LENGTH} characters
 */
public record Revocation(Instant at, String reason) {

    public static final int MAX_REASON_LENGTH = 200;

    public Revocation {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank() || reason.length() > MAX_REASON_LENGTH) {
            throw new IllegalArgumentException("a revocation reason has 1 to " + MAX_REASON_LENGTH + " characters");
        }
    }

    /**
     * A revoked token that has not yet expired: what every node keeps in memory to answer
     * introspection without a database round trip, until {@code expiresAt}.
     */
    public record RevokedToken(String jti, Instant expiresAt, Instant revokedAt) {
        public RevokedToken {
            Objects.requireNonNull(jti, "jti");
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(revokedAt, "revokedAt");
        }
    }
}
