package dev.authplane.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The endpoints that end or inspect a token before its {@code exp}: RFC 7009 revocation by the
 * client that holds the token and RFC 7662 introspection for resources. Administrative revocation
 * (admin API, CLI, disabling or deleting a client or resource) works whatever these say.
 *
 * @param revocationEnabled        serve the revocation endpoint and list it in the metadata
 * @param introspectionEnabled     serve the introspection endpoint and list it in the metadata
 * @param revocationRefreshInterval how often a node re-reads revocations made by the other nodes
 *                                 sharing its store: the bound for a revocation to reach every
 *                                 node's introspection (0 reads the store on every introspection)
 */
public record TokenLifecycleSettings(boolean revocationEnabled, boolean introspectionEnabled,
                                     Duration revocationRefreshInterval) {

    /** Default {@link #revocationRefreshInterval()}: five seconds. */
    public static final Duration DEFAULT_REVOCATION_REFRESH_INTERVAL = Duration.ofSeconds(5);

    public TokenLifecycleSettings {
        Objects.requireNonNull(revocationRefreshInterval, "revocationRefreshInterval");
        if (revocationRefreshInterval.isNegative()) {
            throw new IllegalArgumentException("revocationRefreshInterval must not be negative");
        }
    }

    /** Both endpoints on, revocations shared within five seconds. */
    public static TokenLifecycleSettings defaults() {
        return new TokenLifecycleSettings(true, true, DEFAULT_REVOCATION_REFRESH_INTERVAL);
    }

    /** These settings with the revocation endpoint on or off. */
    public TokenLifecycleSettings withRevocationEnabled(boolean on) {
        return new TokenLifecycleSettings(on, introspectionEnabled, revocationRefreshInterval);
    }

    /** These settings with the introspection endpoint on or off. */
    public TokenLifecycleSettings withIntrospectionEnabled(boolean on) {
        return new TokenLifecycleSettings(revocationEnabled, on, revocationRefreshInterval);
    }

    /** These settings with another {@link #revocationRefreshInterval()}. */
    public TokenLifecycleSettings withRevocationRefreshInterval(Duration interval) {
        return new TokenLifecycleSettings(revocationEnabled, introspectionEnabled, interval);
    }
}
