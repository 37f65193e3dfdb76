package dev.authplane.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Client authentication with a signed JWT ({@code private_key_jwt}, RFC 7523 §2.2) at the token
 * endpoint ({@code client_auth.*} keys of the configuration).
 *
 * @param allowInsecureJwksUri          development only: accept {@code http} {@code jwks_uri}s and
 *                                      ones that resolve to loopback, private or link-local
 *                                      addresses (refused by default: SSRF)
 * @param acceptTokenEndpointAudience   accept the token endpoint URL as an assertion's {@code aud}
 *                                      besides the issuer identifier, for older clients
 * @param maxAssertionLifetime          the longest {@code exp - iat} an assertion may have (inclusive)
 */
public record ClientAuthSettings(boolean allowInsecureJwksUri, boolean acceptTokenEndpointAudience,
                                 Duration maxAssertionLifetime) {

    /** Default {@link #maxAssertionLifetime()}: 5 minutes (the Python MCP SDK sends exactly that). */
    public static final Duration DEFAULT_MAX_ASSERTION_LIFETIME = Duration.ofMinutes(5);

    public ClientAuthSettings {
        Objects.requireNonNull(maxAssertionLifetime, "maxAssertionLifetime");
        if (maxAssertionLifetime.isNegative() || maxAssertionLifetime.isZero()) {
            throw new IllegalArgumentException("maxAssertionLifetime must be positive");
        }
    }

    /** The defaults: https-only public {@code jwks_uri}s, the issuer as the only audience, 5 minutes. */
    public static ClientAuthSettings defaults() {
        return new ClientAuthSettings(false, false, DEFAULT_MAX_ASSERTION_LIFETIME);
    }

    public ClientAuthSettings withAllowInsecureJwksUri(boolean allow) {
        return new ClientAuthSettings(allow, acceptTokenEndpointAudience, maxAssertionLifetime);
    }

    public ClientAuthSettings withAcceptTokenEndpointAudience(boolean accept) {
        return new ClientAuthSettings(allowInsecureJwksUri, accept, maxAssertionLifetime);
    }

    public ClientAuthSettings withMaxAssertionLifetime(Duration lifetime) {
        return new ClientAuthSettings(allowInsecureJwksUri, acceptTokenEndpointAudience, lifetime);
    }
}
