package dev.authplane.mcp.verifier;

import java.net.URI;
import java.time.Duration;

/**
 * The opt-in revocation check: RFC 7662 introspection at {@code endpoint} with this resource's own
 * client credentials; a token's answer is trusted for {@code staleness} (the verified-token cache
 * keeps it no longer); {@code failOpen} accepts a locally valid token when the endpoint cannot be
 * reached (default: refuse with 503).
 */
record IntrospectionSettings(URI endpoint, String clientId, String clientSecret, Duration staleness,
                             boolean failOpen) {

    /** Default staleness: a revoked token is refused within 30 seconds. */
    static final Duration DEFAULT_STALENESS = Duration.ofSeconds(30);

    @Override
    public String toString() {
        return "IntrospectionSettings[endpoint=" + endpoint + ", clientId=" + clientId + ", staleness=" + staleness
                + ", failOpen=" + failOpen + "]";
    }
}
