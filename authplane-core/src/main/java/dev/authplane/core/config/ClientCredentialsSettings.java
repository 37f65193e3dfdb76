package dev.authplane.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code client_credentials} grant.
 *
 * @param enabled         offer the grant at all (off by default, as the seed says)
 * @param tokenExpiry     access-token lifetime
 * @param requireResource require the RFC 8707 {@code resource} parameter; when {@code false}, an
 *                        omitted resource makes the issuer the audience
 * @param scopePolicy     how requested scopes meet registered ones
 * @param howToEnable     the end of the error text when the grant is disabled, naming the switch
 *                        in the front end's own terms (a YAML key and env var, a Boot property)
 */
public record ClientCredentialsSettings(boolean enabled, Duration tokenExpiry, boolean requireResource,
                                        ScopePolicy scopePolicy, String howToEnable) {

    /** Default {@link #tokenExpiry()}: one hour. */
    public static final Duration DEFAULT_TOKEN_EXPIRY = Duration.ofHours(1);
    /** Default {@link #howToEnable()}, for settings built in code. */
    public static final String DEFAULT_HOW_TO_ENABLE = "enable it with ClientCredentialsSettings.enabled";

    public ClientCredentialsSettings {
        Objects.requireNonNull(tokenExpiry, "tokenExpiry");
        Objects.requireNonNull(scopePolicy, "scopePolicy");
        Objects.requireNonNull(howToEnable, "howToEnable");
        if (tokenExpiry.isNegative() || tokenExpiry.isZero()) {
            throw new IllegalArgumentException("tokenExpiry must be positive");
        }
    }

    /** The defaults: disabled, one-hour tokens, resource required, intersection policy. */
    public static ClientCredentialsSettings defaults() {
        return new ClientCredentialsSettings(false, DEFAULT_TOKEN_EXPIRY, true, ScopePolicy.INTERSECTION,
                DEFAULT_HOW_TO_ENABLE);
    }

    /** These settings with the grant on or off. */
    public ClientCredentialsSettings withEnabled(boolean on) {
        return new ClientCredentialsSettings(on, tokenExpiry, requireResource, scopePolicy, howToEnable);
    }
}
