package dev.authplane.core.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code client_credentials} grant.
 *
 * @param enabled         offer the grant at all (off by default, as the seed says)
 * @param tokenExpiry     access-token lifetime of clients without a lifetime of their own
 * @param requireResource require the RFC 8707 {@code resource} parameter; when {@code false}, an
 *                        omitted resource makes the issuer the audience
 * @param scopePolicy     how requested scopes meet registered ones
 * @param howToEnable     the end of the error text when the grant is disabled, naming the switch
 *                        in the front end's own terms (a YAML key and env var, a Boot property)
 * @param maxTokenExpiry  the longest lifetime a client may be given of its own (and at least
 *                        {@code tokenExpiry}); signing keys stay published this long after
 *                        their last token
 */
public record ClientCredentialsSettings(boolean enabled, Duration tokenExpiry, boolean requireResource,
                                        ScopePolicy scopePolicy, String howToEnable, Duration maxTokenExpiry) {

    /** Default {@link #tokenExpiry()}: one hour. */
    public static final Duration DEFAULT_TOKEN_EXPIRY = Duration.ofHours(1);
    /** Default {@link #maxTokenExpiry()}: one day. */
    public static final Duration DEFAULT_MAX_TOKEN_EXPIRY = Duration.ofDays(1);
    /** The shortest lifetime a client may be given. */
    public static final Duration MIN_TOKEN_EXPIRY = Duration.ofSeconds(10);
    /** Default {@link #howToEnable()}, for settings built in code. */
    public static final String DEFAULT_HOW_TO_ENABLE = "enable it with ClientCredentialsSettings.enabled";

    public ClientCredentialsSettings {
        Objects.requireNonNull(tokenExpiry, "tokenExpiry");
        Objects.requireNonNull(scopePolicy, "scopePolicy");
        Objects.requireNonNull(howToEnable, "howToEnable");
        Objects.requireNonNull(maxTokenExpiry, "maxTokenExpiry");
        if (tokenExpiry.isNegative() || tokenExpiry.isZero()) {
            throw new IllegalArgumentException("tokenExpiry must be positive");
        }
        if (maxTokenExpiry.compareTo(tokenExpiry) < 0) {
            throw new IllegalArgumentException("maxTokenExpiry must not be shorter than tokenExpiry");
        }
    }

    /** Settings whose {@link #maxTokenExpiry()} is the default (or {@code tokenExpiry}, when longer). */
    public ClientCredentialsSettings(boolean enabled, Duration tokenExpiry, boolean requireResource,
                                     ScopePolicy scopePolicy, String howToEnable) {
        this(enabled, tokenExpiry, requireResource, scopePolicy, howToEnable,
                tokenExpiry.compareTo(DEFAULT_MAX_TOKEN_EXPIRY) > 0 ? tokenExpiry : DEFAULT_MAX_TOKEN_EXPIRY);
    }

    /**
     * Why {@code lifetime} cannot be a client's own token lifetime, or empty when it can: from
     * {@link #MIN_TOKEN_EXPIRY} to {@link #maxTokenExpiry()}.
     */
    public Optional<String> lifetimeProblem(Duration lifetime) {
        if (lifetime.compareTo(MIN_TOKEN_EXPIRY) < 0 || lifetime.compareTo(maxTokenExpiry) > 0) {
            return Optional.of("token lifetime must be from " + Durations.format(MIN_TOKEN_EXPIRY) + " to "
                    + Durations.format(maxTokenExpiry) + " (client_credentials.max_token_expiry)");
        }
        return Optional.empty();
    }

    /** The defaults: disabled, one-hour tokens, resource required, intersection policy. */
    public static ClientCredentialsSettings defaults() {
        return new ClientCredentialsSettings(false, DEFAULT_TOKEN_EXPIRY, true, ScopePolicy.INTERSECTION,
                DEFAULT_HOW_TO_ENABLE, DEFAULT_MAX_TOKEN_EXPIRY);
    }

    /** These settings with the grant on or off. */
    public ClientCredentialsSettings withEnabled(boolean on) {
        return new ClientCredentialsSettings(on, tokenExpiry, requireResource, scopePolicy, howToEnable,
                maxTokenExpiry);
    }
}
