package dev.authplane.examples.worker;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Hands out a valid access token for one resource, re-authenticating with the client credentials
 * shortly before the current token expires. The grant issues no refresh token (token step 9 (authplane-core README)), so
 * "refreshing" means asking again; the margin is {@link #DEFAULT_REFRESH_MARGIN}, or half the
 * token's lifetime for tokens shorter than twice that.
 *
 * <p>Thread-safe: concurrent callers share one token and at most one request is in flight.
 */
public final class TokenSource {

    /** Re-authenticate when less than this much lifetime is left. */
    public static final Duration DEFAULT_REFRESH_MARGIN = Duration.ofSeconds(60);

    private final TokenClient client;
    private final String resource;
    private final String scope;
    private final Clock clock;
    private final Consumer<AccessToken> onNewToken;
    private AccessToken current;

    /**
     * @param onNewToken told about every token obtained (for progress output); never sees the value
     *                   unless it asks the record for it
     */
    public TokenSource(TokenClient client, String resource, String scope, Clock clock,
                       Consumer<AccessToken> onNewToken) {
        this.client = Objects.requireNonNull(client, "client");
        this.resource = Objects.requireNonNull(resource, "resource");
        this.scope = scope;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onNewToken = Objects.requireNonNull(onNewToken, "onNewToken");
    }

    /** A token with more than the refresh margin left, obtained now if needed. */
    public synchronized AccessToken token() {
        if (current == null || isDueForRenewal(current)) {
            current = client.request(resource, scope);
            onNewToken.accept(current);
        }
        return current;
    }

    /** Forgets the current token, e.g. after the resource server answered 401 to it. */
    public synchronized void invalidate() {
        current = null;
    }

    private boolean isDueForRenewal(AccessToken token) {
        Duration margin = DEFAULT_REFRESH_MARGIN;
        Duration half = token.expiresIn().dividedBy(2);
        if (half.compareTo(margin) < 0) {
            margin = half;
        }
        return token.remainingAt(clock.instant()).compareTo(margin) <= 0;
    }
}
