package dev.authplane.mcp.verifier;

import com.nimbusds.jose.JWSAlgorithm;
import dev.authplane.dpop.DPoPReplayStore;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything {@link TokenVerifierBuilder} collected and validated, handed to the verifier's parts.
 * {@code jwksUri} is {@code null} when it is to be discovered from the issuer's metadata;
 * {@code dpopReplayStore} is {@code null} for the in-memory default of {@code dpopReplayCapacity};
 * {@code introspection} is {@code null} unless the revocation check is on.
 */
record VerifierSettings(
        String issuer,
        String resource,
        URI jwksUri,
        Set<JWSAlgorithm> algorithms,
        Duration clockSkew,
        Set<String> requiredScopes,
        Map<String, Set<String>> toolScopes,
        List<String> scopesSupported,
        Duration jwksCacheTtl,
        Duration jwksRefreshAhead,
        Duration jwksRefreshTimeout,
        Duration jwksRateLimit,
        Duration jwksOutageTolerance,
        Duration unknownKidRefreshInterval,
        Duration discoveryRetryInterval,
        Duration httpConnectTimeout,
        Duration httpReadTimeout,
        int httpSizeLimit,
        Duration tokenCacheTtl,
        int tokenCacheMaxSize,
        Set<JWSAlgorithm> dpopAlgorithms,
        boolean dpopRequired,
        Duration dpopProofLifetime,
        int dpopReplayCapacity,
        DPoPReplayStore dpopReplayStore,
        String publicOrigin,
        IntrospectionSettings introspection) {
}
