package dev.authplane.mcp.verifier;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyConverter;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.ResourceRetriever;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.security.Key;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The authorization server's verification keys, fetched through a nimbus {@link JWKSourceBuilder}
 * chain (cache, refresh-ahead, rate limit, retry, outage tolerance — every option set explicitly).
 * The chain is driven with the injected clock's time, so cache expiry, refresh-ahead and the rate
 * limit follow the same clock as claim checks. The JWKS URI is discovered lazily (RFC 8414) on
 * first use when not configured, so an authorization server that is down at start-up yields 503s,
 * not a crashed MCP server. An unknown {@code kid} triggers at most one refetch per
 * {@code unknownKidRefreshInterval}, whatever the number or variety of unknown kids. Keys whose
 * {@code kty}, {@code use}, {@code alg} or curve do not fit the token's {@code alg} are ignored, as
 * are RSA keys under 2048 bits. Thread-safe.
 */
final class AuthorizationServerKeys implements JWSKeySelector<SecurityContext>, Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(AuthorizationServerKeys.class);
    private static final int MIN_RSA_KEY_BITS = 2048;

    private final VerifierSettings settings;
    private final ResourceRetriever retriever;
    private final Clock clock;
    private final AtomicLong nextUnknownKidRefresh = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong nextDiscoveryAttempt = new AtomicLong(Long.MIN_VALUE);
    private final Object initLock = new Object();
    private volatile JWKSetSource<SecurityContext> source;

    AuthorizationServerKeys(VerifierSettings settings, ResourceRetriever retriever, Clock clock) {
        this.settings = settings;
        this.retriever = retriever;
        this.clock = clock;
    }

    @Override
    public List<Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
        if (!settings.algorithms().contains(header.getAlgorithm()) || header.getKeyID() == null) {
            return List.of();
        }
        long now = clock.millis();
        JWKSetSource<SecurityContext> jwks = source(now);
        JWKSelector selector = new JWKSelector(matcherFor(header));
        JWKSet set = jwks.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), now, null);
        List<JWK> found = selector.select(set);
        if (found.isEmpty() && mayRefetchForUnknownKid(now)) {
            found = refetch(jwks, selector, set, now);
        }
        return KeyConverter.toJavaKeys(found);
    }

    private List<JWK> refetch(JWKSetSource<SecurityContext> jwks, JWKSelector selector, JWKSet stale, long now)
            throws KeySourceException {
        try {
            return selector.select(jwks.getJWKSet(JWKSetCacheRefreshEvaluator.referenceComparison(stale), now, null));
        } catch (RateLimitReachedException e) {
            LOG.debug("JWKS refetch for an unknown kid skipped: rate limit reached");
            return List.of();
        }
    }

    private boolean mayRefetchForUnknownKid(long now) {
        long next = nextUnknownKidRefresh.get();
        return now >= next && nextUnknownKidRefresh.compareAndSet(next, now + settings.unknownKidRefreshInterval().toMillis());
    }

    private static JWKMatcher matcherFor(JWSHeader header) {
        JWKMatcher matcher = JWKMatcher.forJWSHeader(header);
        if (JWSAlgorithm.Family.RSA.contains(header.getAlgorithm())) {
            return new JWKMatcher.Builder(matcher).minKeySize(MIN_RSA_KEY_BITS).build();
        }
        return matcher;
    }

    private JWKSetSource<SecurityContext> source(long now) throws KeySourceException {
        JWKSetSource<SecurityContext> current = source;
        if (current != null) {
            return current;
        }
        synchronized (initLock) {
            if (source == null) {
                source = buildSource(jwksUri(now));
            }
            return source;
        }
    }

    private URI jwksUri(long now) throws KeySourceException {
        if (settings.jwksUri() != null) {
            return settings.jwksUri();
        }
        if (now < nextDiscoveryAttempt.get()) {
            throw new JWKSetUnavailableException("authorization server metadata unavailable; next attempt later");
        }
        nextDiscoveryAttempt.set(now + settings.discoveryRetryInterval().toMillis());
        AuthorizationServerDiscovery discovery = new AuthorizationServerDiscovery(settings.issuer(), retriever);
        try {
            URI uri = discovery.discoverJwksUri();
            LOG.info("Discovered JWKS URI {} from {}", uri, discovery.metadataUrl());
            return uri;
        } catch (IOException | IllegalStateException e) {
            LOG.warn("Authorization server metadata discovery at {} failed: {}", discovery.metadataUrl(), e.getMessage());
            throw new JWKSetUnavailableException("authorization server metadata unavailable", e);
        }
    }

    private JWKSetSource<SecurityContext> buildSource(URI jwksUri) throws KeySourceException {
        JWKSource<SecurityContext> built;
        try {
            built = JWKSourceBuilder.<SecurityContext>create(jwksUri.toURL(), retriever)
                    .cache(settings.jwksCacheTtl().toMillis(), settings.jwksRefreshTimeout().toMillis())
                    .refreshAheadCache(settings.jwksRefreshAhead().toMillis(), false)
                    .rateLimited(settings.jwksRateLimit().toMillis())
                    .retrying(true)
                    .outageTolerant(settings.jwksOutageTolerance().toMillis())
                    .build();
        } catch (MalformedURLException e) {
            throw new JWKSetUnavailableException("JWKS URI is not a URL", e);
        }
        if (!(built instanceof JWKSetBasedJWKSource<SecurityContext> setBased)) {
            throw new IllegalStateException("unexpected JWK source type " + built.getClass().getName());
        }
        return setBased.getJWKSetSource();
    }

    @Override
    public void close() throws IOException {
        JWKSetSource<SecurityContext> current = source;
        if (current != null) {
            current.close();
        }
    }
}
