package dev.authplane.mcp.verifier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.authplane.dpop.DPoPCheck;
import dev.authplane.dpop.DPoPCheckUnavailableException;
import dev.authplane.dpop.DPoPProofException;
import dev.authplane.dpop.DPoPProofVerifier;
import dev.authplane.dpop.DPoPReplayStore;
import dev.authplane.dpop.InMemoryDPoPReplayStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.security.Provider;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Verifies the access tokens an MCP server receives (RFC 9068 §4 and RFC 6750 §3): RFC 9068 JWTs signed by the
 * authorization server's JWKS keys, for this resource, within their lifetime, with the required
 * scopes, and with a valid DPoP proof when DPoP-bound. Also publishes this resource's RFC 9728
 * metadata. Build one per resource with {@link #builder(String, String)}, share it between threads,
 * and {@link #close()} it on shutdown (it owns a JWKS refresh thread).
 *
 * <p>Outcomes are exceptions kept apart by type (see {@link TokenVerificationException}); only the
 * servlet layer maps them to HTTP.
 */
public final class TokenVerifier implements AutoCloseable {

    /** Accepted token algorithms unless configured: ES256 (AuthPlane's default) and RS256. */
    public static final Set<JWSAlgorithm> DEFAULT_ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256);
    /** Tolerance for {@code exp}, {@code nbf} and {@code iat}: 60 seconds. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    /** JWKS cache lifetime: 5 minutes, as AuthPlane's {@code Cache-Control: max-age=300}. */
    public static final Duration DEFAULT_JWKS_CACHE_TTL = Duration.ofMinutes(5);
    /** Background JWKS refresh this long before the cache expires: 30 seconds. */
    public static final Duration DEFAULT_JWKS_REFRESH_AHEAD = Duration.ofSeconds(30);
    /** How long a request waits for a JWKS refresh another thread is doing: 5 seconds. */
    public static final Duration DEFAULT_JWKS_REFRESH_TIMEOUT = Duration.ofSeconds(5);
    /** nimbus rate-limit window for JWKS fetches (at most two per window): 30 seconds. */
    public static final Duration DEFAULT_JWKS_RATE_LIMIT = Duration.ofSeconds(30);
    /** How long the last JWKS keeps serving during an authorization server outage: 1 hour. */
    public static final Duration DEFAULT_JWKS_OUTAGE_TOLERANCE = Duration.ofHours(1);
    /** At most one JWKS refetch caused by unknown {@code kid}s per 30 seconds. */
    public static final Duration DEFAULT_UNKNOWN_KID_REFRESH_INTERVAL = Duration.ofSeconds(30);
    /** After a failed metadata discovery, the next attempt waits 10 seconds. */
    public static final Duration DEFAULT_DISCOVERY_RETRY_INTERVAL = Duration.ofSeconds(10);
    /** Connect and read timeout for metadata and JWKS fetches: 2 seconds each. */
    public static final Duration DEFAULT_HTTP_TIMEOUT = Duration.ofSeconds(2);
    /** Largest metadata or JWKS document accepted: 64 KiB. */
    public static final int DEFAULT_HTTP_SIZE_LIMIT = 64 * 1024;
    /** Verified-token cache entry lifetime (never past the token's {@code exp}): 5 minutes. */
    public static final Duration DEFAULT_TOKEN_CACHE_TTL = Duration.ofMinutes(5);
    /** Verified-token cache capacity: 10,000 tokens. */
    public static final int DEFAULT_TOKEN_CACHE_MAX_SIZE = 10_000;
    /** Accepted DPoP proof algorithms, as at AuthPlane's token endpoint (RFC 9449). */
    public static final Set<JWSAlgorithm> DEFAULT_DPOP_ALGORITHMS = Set.copyOf(DPoPProofVerifier.DEFAULT_ALGORITHMS);
    /** How old a DPoP proof's {@code iat} may be: 60 seconds (plus clock skew). */
    public static final Duration DEFAULT_DPOP_PROOF_LIFETIME = DPoPProofVerifier.DEFAULT_PROOF_LIFETIME;
    /** DPoP replay store capacity: 100,000 proof identifiers. */
    public static final int DEFAULT_DPOP_REPLAY_CAPACITY = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(TokenVerifier.class);
    private static final Duration UNAVAILABLE_WARNING_INTERVAL = Duration.ofMinutes(1);
    private static final String INSUFFICIENT_SCOPE = "insufficient_scope";

    private final VerifierSettings settings;
    private final Clock clock;
    private final AuthorizationServerKeys keys;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final VerifiedTokenCache cache;
    private final DPoPProofVerifier dpop;
    private final ProtectedResourceMetadata metadata;
    private final AtomicLong nextUnavailableWarning = new AtomicLong(Long.MIN_VALUE);
    private final String challengeScope;
    private final IntrospectionCheck introspection;
    private final VerificationObserver observer;

    TokenVerifier(VerifierSettings settings, ResourceRetriever retriever, Clock clock, VerificationObserver observer,
                  Provider cryptoProvider) {
        this.settings = settings;
        this.clock = clock;
        this.observer = observer;
        this.keys = new AuthorizationServerKeys(settings, observed(retriever, observer), clock);
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(
                new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt")));
        processor.setJWSKeySelector(keys);
        DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();
        verifiers.getJCAContext().setProvider(cryptoProvider);
        processor.setJWSVerifierFactory(verifiers);
        processor.setJWTClaimsSetVerifier(new AccessTokenClaimsVerifier(settings.issuer(), settings.resource(), settings.clockSkew(), clock));
        IntrospectionSettings introspect = settings.introspection();
        Duration cacheTtl = introspect == null || introspect.staleness().compareTo(settings.tokenCacheTtl()) > 0
                ? settings.tokenCacheTtl() : introspect.staleness();
        this.cache = new VerifiedTokenCache(cacheTtl.toMillis(), settings.tokenCacheMaxSize());
        this.introspection = introspect == null ? null : new IntrospectionCheck(introspect,
                settings.httpConnectTimeout(), settings.httpReadTimeout(), settings.httpSizeLimit(), clock);
        DPoPReplayStore replay = settings.dpopReplayStore() != null ? settings.dpopReplayStore()
                : new InMemoryDPoPReplayStore(clock, settings.dpopReplayCapacity());
        this.dpop = DPoPProofVerifier.builder(replay, clock)
                .proofLifetime(settings.dpopProofLifetime()).clockSkew(settings.clockSkew())
                .algorithms(settings.dpopAlgorithms()).cryptoProvider(cryptoProvider).build();
        this.metadata = new ProtectedResourceMetadata(settings);
        this.challengeScope = String.join(" ", settings.requiredScopes().isEmpty()
                ? settings.scopesSupported() : new TreeSet<>(settings.requiredScopes()));
    }

    /**
     * Starts a builder.
     *
     * @param issuer   the authorization server's issuer identifier, exactly as in its tokens
     * @param resource this MCP server's resource URI, exactly as registered (the token audience)
     */
    public static TokenVerifierBuilder builder(String issuer, String resource) {
        return new TokenVerifierBuilder(issuer, resource);
    }

    /**
     * Verifies the credentials of one request: the access token (from the cache when it was
     * verified before), its DPoP binding and the required scopes.
     *
     * @return the verified token's facts
     * @throws MissingTokenException             no token was presented
     * @throws TokenRejectedException            the token or its proof is not acceptable
     * @throws InsufficientScopeException        the token lacks a required scope
     * @throws VerificationUnavailableException  no usable key and the authorization server is unreachable
     */
    public VerifiedToken verify(AccessRequest request) throws TokenVerificationException {
        try {
            Credentials credentials = Credentials.from(request, settings.dpopRequired());
            boolean dpopScheme = credentials.dpop();
            boolean dpopChallenge = dpopScheme || settings.dpopRequired();
            long now = clock.millis();
            VerifiedTokenCache.Key key = cache.keyOf(credentials.token());
            VerifiedToken cached = cache.get(key, now);
            boolean hit = cached != null && cached.expiresAt().toEpochMilli() + settings.clockSkew().toMillis() > now;
            VerifiedToken token = hit ? cached : verifyAndCache(credentials.token(), dpopChallenge, key, now);
            checkBinding(token, credentials, request);
            if (!token.hasAllScopes(settings.requiredScopes())) {
                throw new InsufficientScopeException(settings.requiredScopes(), dpopScheme || token.isDPoPBound());
            }
            observer.accepted(hit);
            return token;
        } catch (TokenVerificationException e) {
            observer.rejected(reason(e));
            throw e;
        }
    }

    /**
     * Checks that {@code token} may call every tool in {@code toolNames}: it must carry the scopes
     * configured with {@link TokenVerifierBuilder#toolScopes} for each (tools without such scopes
     * need only what {@link #verify} already checked).
     *
     * @throws InsufficientScopeException naming the required scopes plus every scope these tool
     *                                    calls need (RFC 6750 §3.1), so one new token suffices
     */
    public void authorizeToolCalls(VerifiedToken token, Collection<String> toolNames) throws InsufficientScopeException {
        Set<String> needed = new TreeSet<>(settings.requiredScopes());
        for (String tool : toolNames) {
            needed.addAll(settings.toolScopes().getOrDefault(tool, Set.of()));
        }
        if (!token.hasAllScopes(needed)) {
            observer.rejected(INSUFFICIENT_SCOPE);
            throw new InsufficientScopeException(needed, token.isDPoPBound());
        }
    }

    /** Whether some tool needs scopes of its own, so {@code tools/call} requests must be inspected. */
    public boolean hasToolScopes() {
        return !settings.toolScopes().isEmpty();
    }

    /**
     * The {@code scope} of a 401 challenge: what a client should ask for to use this resource at
     * all (MCP authorization, scope selection): the required scopes when there are any, otherwise
     * {@code scopes_supported}; empty when neither names a scope.
     */
    public String challengeScope() {
        return challengeScope;
    }

    /** A token not in the cache: signature and claims, then introspection when configured; cached once it passed. */
    private VerifiedToken verifyAndCache(String token, boolean dpopChallenge, VerifiedTokenCache.Key key, long now)
            throws TokenVerificationException {
        VerifiedToken verified = verifySignedToken(token, dpopChallenge);
        if (introspection != null) {
            introspection.requireActive(token, dpopChallenge);
        }
        cache.put(key, verified, now);
        return verified;
    }

    private VerifiedToken verifySignedToken(String token, boolean dpopChallenge) throws TokenVerificationException {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWSHeader header = jwt.getHeader();
            if (!settings.algorithms().contains(header.getAlgorithm())) {
                throw TokenRejectedException.invalidToken("token alg not in the allowlist", dpopChallenge);
            }
            if (header.getKeyID() == null || header.getKeyID().isEmpty()) {
                throw TokenRejectedException.invalidToken("token header has no kid", dpopChallenge);
            }
            return toVerifiedToken(processor.process(jwt, null), dpopChallenge);
        } catch (ParseException e) {
            throw TokenRejectedException.invalidToken("token is not a signed JWT", dpopChallenge);
        } catch (BadJOSEException e) {
            throw TokenRejectedException.invalidToken(e.getMessage(), dpopChallenge);
        } catch (KeySourceException e) {
            warnUnavailable(e);
            throw new VerificationUnavailableException("no usable verification key: " + e.getMessage());
        } catch (JOSEException e) {
            throw TokenRejectedException.invalidToken("token signature cannot be checked: " + e.getMessage(), dpopChallenge);
        }
    }

    /** One warning per {@link #UNAVAILABLE_WARNING_INTERVAL}, not one per request, during an outage. */
    /** The observer's reason for a refusal (see {@link VerificationObserver#rejected}). */
    private static String reason(TokenVerificationException e) {
        if (e instanceof MissingTokenException) {
            return "missing_token";
        }
        if (e instanceof InsufficientScopeException) {
            return INSUFFICIENT_SCOPE;
        }
        if (e instanceof VerificationUnavailableException) {
            return "unavailable";
        }
        return e instanceof TokenRejectedException rejected && rejected.revoked() ? "revoked"
                : e.error().orElse("invalid_token");
    }

    /** {@code retriever}, telling {@code observer} each fetch's outcome. */
    private static ResourceRetriever observed(ResourceRetriever retriever, VerificationObserver observer) {
        return url -> {
            boolean ok = false;
            try {
                com.nimbusds.jose.util.Resource resource = retriever.retrieveResource(url);
                ok = true;
                return resource;
            } finally {
                observer.authorizationServerFetched(ok);
            }
        };
    }

    private void warnUnavailable(KeySourceException e) {
        long now = clock.millis();
        long next = nextUnavailableWarning.get();
        if (now >= next && nextUnavailableWarning.compareAndSet(next, now + UNAVAILABLE_WARNING_INTERVAL.toMillis())) {
            LOG.warn("Cannot verify access tokens: no usable key from {} ({}); answering 503", settings.issuer(), e.getMessage());
        } else {
            LOG.debug("Cannot verify access tokens: {}", e.getMessage());
        }
    }

    private static VerifiedToken toVerifiedToken(JWTClaimsSet claims, boolean dpopChallenge) throws TokenRejectedException {
        Object scope = claims.getClaim("scope");
        Set<String> scopes = scope == null ? Set.of()
                : Arrays.stream(((String) scope).split(" ")).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        return new VerifiedToken((String) claims.getClaim("client_id"), claims.getSubject(), scopes,
                claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant(), claims.getJWTID(),
                confirmationJkt(claims, dpopChallenge));
    }

    private static Optional<String> confirmationJkt(JWTClaimsSet claims, boolean dpopChallenge) throws TokenRejectedException {
        Object cnf = claims.getClaim("cnf");
        if (cnf == null) {
            return Optional.empty();
        }
        if (cnf instanceof Map<?, ?> map && map.size() == 1 && map.get("jkt") instanceof String jkt && !jkt.isEmpty()) {
            return Optional.of(jkt);
        }
        throw TokenRejectedException.invalidToken("token cnf is not a DPoP jkt confirmation", dpopChallenge);
    }

    private void checkBinding(VerifiedToken token, Credentials credentials, AccessRequest request)
            throws TokenVerificationException {
        if (!token.isDPoPBound()) {
            if (credentials.dpop()) {
                throw TokenRejectedException.invalidToken("DPoP scheme used with a token that is not DPoP-bound", true);
            }
            return;
        }
        if (!credentials.dpop()) {
            throw TokenRejectedException.invalidToken("DPoP-bound token presented as Bearer", true);
        }
        if (request.dpopHeaders().size() != 1) {
            throw TokenRejectedException.invalidProof("expected exactly one DPoP header, got " + request.dpopHeaders().size());
        }
        DPoPCheck check = DPoPCheck.resourceRequest(request.method(), settings.publicOrigin() + request.path(),
                credentials.token(), token.dpopJkt().get());
        try {
            dpop.verify(request.dpopHeaders().get(0), check);
        } catch (DPoPProofException e) {
            observer.dpopProofRejected(e.reason());
            throw TokenRejectedException.invalidProof(e.description());
        } catch (DPoPCheckUnavailableException e) {
            throw new VerificationUnavailableException("DPoP proofs cannot be checked: " + e.getCause().getMessage());
        }
    }

    /** The exact resource URI tokens must be addressed to. */
    public String resource() {
        return settings.resource();
    }

    /** The issuer tokens must come from. */
    public String issuer() {
        return settings.issuer();
    }

    /** Whether this resource accepts only DPoP-bound tokens. */
    public boolean dpopRequired() {
        return settings.dpopRequired();
    }

    /** Accepted DPoP proof algorithms, space-separated, for the {@code algs} challenge parameter. */
    public String dpopAlgorithms() {
        return metadata.dpopAlgorithms();
    }

    /** The RFC 9728 metadata document's absolute URL: the {@code resource_metadata} challenge value. */
    public String protectedResourceMetadataUrl() {
        return metadata.url();
    }

    /** The path (from the host root) at which the RFC 9728 document must be served. */
    public String protectedResourceMetadataPath() {
        return metadata.path();
    }

    /** The RFC 9728 metadata document, JSON. */
    public String protectedResourceMetadataJson() {
        return metadata.json();
    }

    /** Stops the JWKS refresh thread. */
    @Override
    public void close() {
        try {
            keys.close();
        } catch (IOException e) {
            LOG.debug("Closing the JWKS source failed: {}", e.getMessage());
        }
    }
}
