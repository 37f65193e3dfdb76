package dev.authplane.examples.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An access token as the token endpoint returned it (RFC 6749 §5.1).
 *
 * @param value     the token itself; never printed, see {@link #toString()}
 * @param type      {@code Bearer} or {@code DPoP}
 * @param scope     the granted scopes, space-separated (empty when the response had none)
 * @param expiresIn the lifetime the server announced
 * @param expiresAt when this client considers it expired: receipt time plus {@code expiresIn}
 */
public record AccessToken(String value, String type, String scope, Duration expiresIn, Instant expiresAt) {

    public AccessToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(expiresIn, "expiresIn");
        Objects.requireNonNull(expiresAt, "expiresAt");
        scope = scope == null ? "" : scope;
        if (value.isBlank()) {
            throw new IllegalArgumentException("access token is empty");
        }
    }

    /** The lifetime left at {@code now}; negative once expired. */
    public Duration remainingAt(Instant now) {
        return Duration.between(now, expiresAt);
    }

    /** Hides the token value, so a log line or exception never carries it. */
    @Override
    public String toString() {
        return "AccessToken[type=" + type + ", scope=" + scope + ", expiresIn=" + expiresIn.toSeconds() + "s]";
    }
}
