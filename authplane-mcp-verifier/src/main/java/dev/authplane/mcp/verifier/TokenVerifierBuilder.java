package dev.authplane.mcp.verifier;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import dev.authplane.dpop.DPoPReplayStore;
import dev.authplane.dpop.Htu;

import java.net.URI;
import java.security.Provider;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static dev.authplane.mcp.verifier.TokenVerifier.*;

/**
 * Configures a {@link TokenVerifier}. Only the issuer and this server's resource URI are required;
 * every other option has a default published as a constant on {@link TokenVerifier}. Invalid
 * settings fail in {@link #build()} (or in the setter) with an {@link IllegalArgumentException}
 * naming the setting. Not thread-safe; build once at start-up.
 */
public final class TokenVerifierBuilder {

    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    private final String issuer;
    private final String resource;
    private String jwksUri;
    private Set<JWSAlgorithm> algorithms = DEFAULT_ALGORITHMS;
    private Duration clockSkew = DEFAULT_CLOCK_SKEW;
    private Set<String> requiredScopes = Set.of();
    private List<String> scopesSupported;
    private final Map<String, Set<String>> toolScopes = new LinkedHashMap<>();
    private Duration jwksCacheTtl = DEFAULT_JWKS_CACHE_TTL;
    private Duration jwksRefreshAhead = DEFAULT_JWKS_REFRESH_AHEAD;
    private Duration jwksRefreshTimeout = DEFAULT_JWKS_REFRESH_TIMEOUT;
    private Duration jwksRateLimit = DEFAULT_JWKS_RATE_LIMIT;
    private Duration jwksOutageTolerance = DEFAULT_JWKS_OUTAGE_TOLERANCE;
    private Duration unknownKidRefreshInterval = DEFAULT_UNKNOWN_KID_REFRESH_INTERVAL;
    private Duration discoveryRetryInterval = DEFAULT_DISCOVERY_RETRY_INTERVAL;
    private Duration httpConnectTimeout = DEFAULT_HTTP_TIMEOUT;
    private Duration httpReadTimeout = DEFAULT_HTTP_TIMEOUT;
    private int httpSizeLimit = DEFAULT_HTTP_SIZE_LIMIT;
    private Duration tokenCacheTtl = DEFAULT_TOKEN_CACHE_TTL;
    private String introspectionClientId;
    private String introspectionClientSecret;
    private String introspectionEndpoint;
    private Duration revocationStaleness = IntrospectionSettings.DEFAULT_STALENESS;
    private boolean introspectionFailOpen;
    private int tokenCacheMaxSize = DEFAULT_TOKEN_CACHE_MAX_SIZE;
    private Set<JWSAlgorithm> dpopAlgorithms = DEFAULT_DPOP_ALGORITHMS;
    private boolean dpopRequired;
    private Duration dpopProofLifetime = DEFAULT_DPOP_PROOF_LIFETIME;
    private int dpopReplayCapacity = DEFAULT_DPOP_REPLAY_CAPACITY;
    private DPoPReplayStore dpopReplayStore;
    private String publicOrigin;
    private Clock clock = Clock.systemUTC();
    private ResourceRetriever retriever;
    private VerificationObserver observer = VerificationObserver.NONE;
    private Provider cryptoProvider;

    TokenVerifierBuilder(String issuer, String resource) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.resource = Objects.requireNonNull(resource, "resource");
    }

    /** The JWKS URL; when not set it is discovered from the issuer's RFC 8414 metadata on first use. */
    public TokenVerifierBuilder jwksUri(String jwksUri) {
        this.jwksUri = Objects.requireNonNull(jwksUri, "jwksUri");
        return this;
    }

    /** Accepted token {@code alg}s (default {@link TokenVerifier#DEFAULT_ALGORITHMS}); RSA and EC families only. */
    public TokenVerifierBuilder algorithms(String... names) {
        this.algorithms = asymmetricAlgorithms(names, "algorithms");
        return this;
    }

    /** Tolerance for {@code exp}, {@code nbf} and {@code iat} (default {@link TokenVerifier#DEFAULT_CLOCK_SKEW}). */
    public TokenVerifierBuilder clockSkew(Duration clockSkew) {
        this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew");
        return this;
    }

    /** Scopes every request must carry (default none); a token without them gets 403. */
    public TokenVerifierBuilder requiredScopes(String... scopes) {
        this.requiredScopes = Set.copyOf(scopeTokens(scopes));
        return this;
    }

    /**
     * Scopes a token needs to call the MCP tool {@code toolName} ({@code tools/call}), on top of
     * the required scopes. {@link dev.authplane.mcp.verifier.servlet.AccessTokenFilter} reads the
     * JSON-RPC body and refuses such a call with 403 {@code insufficient_scope} before the MCP
     * server runs, so clients can step up (MCP authorization, "Scope challenge handling").
     */
    public TokenVerifierBuilder toolScopes(String toolName, String... scopes) {
        Objects.requireNonNull(toolName, "toolName");
        if (scopes.length == 0) {
            throw new IllegalArgumentException("toolScopes for '" + toolName + "' must name at least one scope");
        }
        this.toolScopes.put(toolName, Set.copyOf(scopeTokens(scopes)));
        return this;
    }

    /** {@code scopes_supported} in the RFC 9728 document (default: the required scopes, then every tool's). */
    public TokenVerifierBuilder scopesSupported(String... scopes) {
        this.scopesSupported = List.copyOf(scopeTokens(scopes));
        return this;
    }

    /** How long a fetched JWKS is used before it is refetched (default {@link TokenVerifier#DEFAULT_JWKS_CACHE_TTL}). */
    public TokenVerifierBuilder jwksCacheTtl(Duration ttl) {
        this.jwksCacheTtl = Objects.requireNonNull(ttl, "ttl");
        return this;
    }

    /** How long before expiry the JWKS is refetched in the background (default {@link TokenVerifier#DEFAULT_JWKS_REFRESH_AHEAD}). */
    public TokenVerifierBuilder jwksRefreshAhead(Duration refreshAhead) {
        this.jwksRefreshAhead = Objects.requireNonNull(refreshAhead, "refreshAhead");
        return this;
    }

    /** How long a request waits for another thread's JWKS refresh (default {@link TokenVerifier#DEFAULT_JWKS_REFRESH_TIMEOUT}). */
    public TokenVerifierBuilder jwksRefreshTimeout(Duration timeout) {
        this.jwksRefreshTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /** nimbus's rate-limit window: at most two JWKS fetches per window (default {@link TokenVerifier#DEFAULT_JWKS_RATE_LIMIT}). */
    public TokenVerifierBuilder jwksRateLimit(Duration window) {
        this.jwksRateLimit = Objects.requireNonNull(window, "window");
        return this;
    }

    /** How long the last JWKS keeps serving while the authorization server is unreachable (default {@link TokenVerifier#DEFAULT_JWKS_OUTAGE_TOLERANCE}). */
    public TokenVerifierBuilder jwksOutageTolerance(Duration tolerance) {
        this.jwksOutageTolerance = Objects.requireNonNull(tolerance, "tolerance");
        return this;
    }

    /** Minimum time between two refetches caused by unknown {@code kid}s (default {@link TokenVerifier#DEFAULT_UNKNOWN_KID_REFRESH_INTERVAL}). */
    public TokenVerifierBuilder unknownKidRefreshInterval(Duration interval) {
        this.unknownKidRefreshInterval = Objects.requireNonNull(interval, "interval");
        return this;
    }

    /** Minimum time between two failed metadata discoveries (default {@link TokenVerifier#DEFAULT_DISCOVERY_RETRY_INTERVAL}). */
    public TokenVerifierBuilder discoveryRetryInterval(Duration interval) {
        this.discoveryRetryInterval = Objects.requireNonNull(interval, "interval");
        return this;
    }

    /** Connect and read timeouts for metadata and JWKS fetches (default {@link TokenVerifier#DEFAULT_HTTP_TIMEOUT}). */
    public TokenVerifierBuilder httpTimeouts(Duration connect, Duration read) {
        this.httpConnectTimeout = Objects.requireNonNull(connect, "connect");
        this.httpReadTimeout = Objects.requireNonNull(read, "read");
        return this;
    }

    /** Largest metadata or JWKS document accepted, in bytes (default {@link TokenVerifier#DEFAULT_HTTP_SIZE_LIMIT}). */
    public TokenVerifierBuilder httpSizeLimit(int bytes) {
        this.httpSizeLimit = bytes;
        return this;
    }

    /**
     * The verified-token cache: entries live at most {@code ttl} and never past the token's
     * {@code exp}; {@code maxSize} 0 disables it (defaults {@link TokenVerifier#DEFAULT_TOKEN_CACHE_TTL},
     * {@link TokenVerifier#DEFAULT_TOKEN_CACHE_MAX_SIZE}).
     */
    public TokenVerifierBuilder tokenCache(Duration ttl, int maxSize) {
        this.tokenCacheTtl = Objects.requireNonNull(ttl, "ttl");
        this.tokenCacheMaxSize = maxSize;
        return this;
    }

    /**
     * Turns on the revocation check: a token that passed local verification is also introspected
     * (RFC 7662) at {@code <issuer>/oauth/introspect} with these client credentials (a client
     * registered with {@code --introspect} for this resource), and the answer is trusted for
     * {@link #revocationStaleness} (default 30 s). Off by default: tokens are verified locally only.
     */
    public TokenVerifierBuilder introspection(String clientId, String clientSecret) {
        this.introspectionClientId = Objects.requireNonNull(clientId, "clientId");
        this.introspectionClientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
        return this;
    }

    /** Another introspection endpoint than {@code <issuer>/oauth/introspect} (https, or http on loopback). */
    public TokenVerifierBuilder introspectionEndpoint(String endpoint) {
        this.introspectionEndpoint = Objects.requireNonNull(endpoint, "endpoint");
        return this;
    }

    /**
     * How long an introspection answer is trusted: a revoked token is refused within this time
     * (1 s to 1 h; default 30 s). Also caps the verified-token cache while introspection is on.
     */
    public TokenVerifierBuilder revocationStaleness(Duration staleness) {
        this.revocationStaleness = Objects.requireNonNull(staleness, "staleness");
        return this;
    }

    /**
     * What happens when the introspection endpoint cannot be reached: {@code false} (the default)
     * answers 503 with a challenge, fail closed; {@code true} accepts tokens that pass local
     * verification and logs a warning once a minute.
     */
    public TokenVerifierBuilder introspectionFailOpen(boolean failOpen) {
        this.introspectionFailOpen = failOpen;
        return this;
    }

    /** Accepted DPoP proof {@code alg}s (default {@link TokenVerifier#DEFAULT_DPOP_ALGORITHMS}). */
    public TokenVerifierBuilder dpopAlgorithms(String... names) {
        this.dpopAlgorithms = asymmetricAlgorithms(names, "dpopAlgorithms");
        return this;
    }

    /** Whether only DPoP-bound tokens are accepted (default {@code false}: Bearer and DPoP both work). */
    public TokenVerifierBuilder requireDPoP(boolean required) {
        this.dpopRequired = required;
        return this;
    }

    /** How old a DPoP proof's {@code iat} may be (default {@link TokenVerifier#DEFAULT_DPOP_PROOF_LIFETIME}). */
    public TokenVerifierBuilder dpopProofLifetime(Duration lifetime) {
        this.dpopProofLifetime = Objects.requireNonNull(lifetime, "lifetime");
        return this;
    }

    /**
     * A shared store for the DPoP replay check, for MCP servers running as several instances behind
     * one resource URI: a proof replayed at another instance is refused there too. Default: a
     * per-process {@link dev.authplane.dpop.InMemoryDPoPReplayStore} of {@link #dpopReplayCapacity}
     * entries. Any {@link DPoPReplayStore} works (e.g. one on Redis, or {@code authplane-jdbc}'s
     * {@code JdbcDPoPReplayStore} on a database the instances share); its contract suite is
     * {@code DPoPReplayStoreContractTest} in authplane-dpop's test-jar. A store that fails answers
     * the request as unavailable (503, {@link VerificationUnavailableException}): a proof is never accepted unchecked.
     */
    public TokenVerifierBuilder dpopReplayStore(DPoPReplayStore store) {
        this.dpopReplayStore = Objects.requireNonNull(store, "store");
        return this;
    }

    /** How many proof {@code jti}s the replay store holds (default {@link TokenVerifier#DEFAULT_DPOP_REPLAY_CAPACITY}). */
    public TokenVerifierBuilder dpopReplayCapacity(int capacity) {
        this.dpopReplayCapacity = capacity;
        return this;
    }

    /**
     * The {@code scheme://host[:port]} clients use to reach this server, against which a DPoP
     * proof's {@code htu} is checked (default: the resource URI's origin). Set it when a proxy
     * rewrites the host.
     */
    public TokenVerifierBuilder publicOrigin(String origin) {
        this.publicOrigin = Objects.requireNonNull(origin, "origin");
        return this;
    }

    /** The clock for every time check and cache expiry (default {@link Clock#systemUTC()}). */
    public TokenVerifierBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Told each verification outcome, DPoP rejection and authorization-server fetch, e.g. the
     * Micrometer binding of authplane-micrometer (default {@link VerificationObserver#NONE}).
     */
    public TokenVerifierBuilder observer(VerificationObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        return this;
    }

    /**
     * The JCA provider that verifies token and DPoP proof signatures, e.g. a native one chosen by
     * authplane-crypto's {@code CryptoProviders} ({@code null}, the default: the JDK's providers).
     */
    public TokenVerifierBuilder cryptoProvider(Provider cryptoProvider) {
        this.cryptoProvider = cryptoProvider;
        return this;
    }

    /** The HTTP retriever for metadata and JWKS (default: nimbus's, with the timeouts and size limit above). */
    public TokenVerifierBuilder resourceRetriever(ResourceRetriever retriever) {
        this.retriever = Objects.requireNonNull(retriever, "retriever");
        return this;
    }

    /**
     * Validates the settings and builds the verifier. Performs no network I/O.
     *
     * @throws IllegalArgumentException naming the first invalid setting
     */
    public TokenVerifier build() {
        VerifierSettings settings = settings();
        ResourceRetriever http = retriever != null ? retriever : new DefaultResourceRetriever(
                (int) httpConnectTimeout.toMillis(), (int) httpReadTimeout.toMillis(), httpSizeLimit);
        return new TokenVerifier(settings, http, clock, observer, cryptoProvider);
    }

    private VerifierSettings settings() {
        Uris.parseSecureUri(issuer, "issuer");
        URI resourceUri = Uris.parseHttpUri(resource, "resource");
        URI jwks = jwksUri == null ? null : Uris.parseSecureUri(jwksUri, "jwksUri");
        requireRange(clockSkew, Duration.ZERO, Duration.ofMinutes(10), "clockSkew");
        requireRange(jwksRateLimit, Duration.ofMillis(1), jwksCacheTtl.minusMillis(1), "jwksRateLimit (must be shorter than jwksCacheTtl)");
        requireRange(jwksRefreshAhead, Duration.ZERO, jwksCacheTtl, "jwksRefreshAhead (at most jwksCacheTtl)");
        requirePositive(jwksCacheTtl, "jwksCacheTtl");
        requirePositive(jwksRefreshTimeout, "jwksRefreshTimeout");
        requirePositive(jwksOutageTolerance, "jwksOutageTolerance");
        requirePositive(unknownKidRefreshInterval, "unknownKidRefreshInterval");
        requirePositive(discoveryRetryInterval, "discoveryRetryInterval");
        requireRange(httpConnectTimeout, Duration.ofMillis(1), Duration.ofMinutes(1), "httpTimeouts.connect");
        requireRange(httpReadTimeout, Duration.ofMillis(1), Duration.ofMinutes(1), "httpTimeouts.read");
        requirePositive(tokenCacheTtl, "tokenCache.ttl");
        requirePositive(dpopProofLifetime, "dpopProofLifetime");
        requireAtLeast(httpSizeLimit, 1024, "httpSizeLimit");
        requireAtLeast(tokenCacheMaxSize, 0, "tokenCache.maxSize");
        requireAtLeast(dpopReplayCapacity, 1, "dpopReplayCapacity");
        return new VerifierSettings(issuer, resource, jwks, algorithms, clockSkew, requiredScopes, Map.copyOf(toolScopes),
                scopesSupported != null ? scopesSupported : defaultScopesSupported(),
                jwksCacheTtl, jwksRefreshAhead, jwksRefreshTimeout, jwksRateLimit, jwksOutageTolerance,
                unknownKidRefreshInterval, discoveryRetryInterval, httpConnectTimeout, httpReadTimeout,
                httpSizeLimit, tokenCacheTtl, tokenCacheMaxSize, dpopAlgorithms, dpopRequired,
                dpopProofLifetime, dpopReplayCapacity, dpopReplayStore, origin(resourceUri), introspection());
    }

    private IntrospectionSettings introspection() {
        if (introspectionClientId == null) {
            if (introspectionEndpoint != null) {
                throw new IllegalArgumentException("introspectionEndpoint needs introspection(clientId, clientSecret)");
            }
            return null;
        }
        if (introspectionClientId.isBlank() || introspectionClientSecret.isBlank()) {
            throw new IllegalArgumentException("introspection client id and secret must not be blank");
        }
        requireRange(revocationStaleness, Duration.ofSeconds(1), Duration.ofHours(1), "revocationStaleness");
        URI endpoint = Uris.parseSecureUri(introspectionEndpoint != null ? introspectionEndpoint
                : issuer + "/oauth/introspect", "introspectionEndpoint");
        return new IntrospectionSettings(endpoint, introspectionClientId, introspectionClientSecret,
                revocationStaleness, introspectionFailOpen);
    }

    private List<String> defaultScopesSupported() {
        Set<String> all = new TreeSet<>(requiredScopes);
        toolScopes.values().forEach(all::addAll);
        return List.copyOf(all);
    }

    private String origin(URI resourceUri) {
        if (publicOrigin == null) {
            return Htu.normalize(Uris.origin(resourceUri)).replaceAll("/$", "");
        }
        URI origin = Uris.parseHttpUri(publicOrigin, "publicOrigin");
        if ((origin.getRawPath() != null && !origin.getRawPath().isEmpty() && !origin.getRawPath().equals("/"))
                || origin.getRawQuery() != null) {
            throw new IllegalArgumentException("publicOrigin '" + publicOrigin + "' must be scheme://host[:port] only");
        }
        return Htu.normalize(Uris.origin(origin)).replaceAll("/$", "");
    }

    static Set<JWSAlgorithm> asymmetricAlgorithms(String[] names, String what) {
        if (names.length == 0) {
            throw new IllegalArgumentException(what + " must name at least one algorithm");
        }
        Set<JWSAlgorithm> result = new LinkedHashSet<>();
        for (String name : names) {
            JWSAlgorithm alg = JWSAlgorithm.parse(Objects.requireNonNull(name, what));
            if (!JWSAlgorithm.Family.RSA.contains(alg) && !JWSAlgorithm.Family.EC.contains(alg)) {
                throw new IllegalArgumentException(what + ": '" + name
                        + "' is not allowed; only asymmetric RSA and EC signature algorithms are accepted (never none or HMAC)");
            }
            result.add(alg);
        }
        return Set.copyOf(result);
    }

    private static List<String> scopeTokens(String[] scopes) {
        for (String scope : scopes) {
            if (scope == null || !SCOPE_TOKEN.matcher(scope).matches()) {
                throw new IllegalArgumentException("scope '" + scope + "' is not a valid RFC 6749 §3.3 scope token");
            }
        }
        return List.copyOf(new LinkedHashSet<>(Arrays.asList(scopes)));
    }

    private static void requirePositive(Duration d, String what) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
    }

    private static void requireRange(Duration d, Duration min, Duration max, String what) {
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new IllegalArgumentException(what + " must be between " + min + " and " + max);
        }
    }

    private static void requireAtLeast(int value, int min, String what) {
        if (value < min) {
            throw new IllegalArgumentException(what + " must be at least " + min);
        }
    }
}
