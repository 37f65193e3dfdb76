package dev.authplane.core.token;

import dev.authplane.core.audit.TraceIds;
import dev.authplane.core.client.ClientCredentials;

/**
 * A token request after the transport's shape checks (token step 1 (authplane-core README): method, content type, size,
 * no repeated parameter, one client-authentication method). Core performs steps 2 to 9.
 *
 * @param grantType     the {@code grant_type} parameter, or {@code null} when absent
 * @param credentials   the presented client credentials, or {@code null} when none were presented
 * @param scope         the raw {@code scope} parameter, or {@code null} when absent
 * @param resource      the {@code resource} parameter (RFC 8707), or {@code null} when absent; the
 *                      transport refuses a repeated one at step 1, so a request names at most one
 * @param dpopProof     the single {@code DPoP} header value, or {@code null} when absent
 * @param remoteAddress the caller's IP address as the transport sees it (e.g. a servlet's
 *                      {@code getRemoteAddr()}, after any trusted proxy handling), used to throttle
 *                      failed client authentications per address; {@code null} when unknown, in
 *                      which case only the per-client limit applies
 * @param traceId       the request's W3C trace id (see {@link TraceIds}), recorded on the issuance
 *                      row, or {@code null}; the transport takes it from a valid {@code traceparent}
 *                      header or generates one
 */
public record TokenRequest(String grantType, ClientCredentials credentials, String scope,
                           String resource, String dpopProof, String remoteAddress, String traceId) {

    public TokenRequest {
        if (traceId != null && !TraceIds.isValid(traceId)) {
            throw new IllegalArgumentException("traceId must be 32 lower-case hex digits, not all zero");
        }
    }

    /** A request without a trace id. */
    public TokenRequest(String grantType, ClientCredentials credentials, String scope,
                        String resource, String dpopProof, String remoteAddress) {
        this(grantType, credentials, scope, resource, dpopProof, remoteAddress, null);
    }

    /** A request whose remote address is unknown (no per-address throttling). */
    public TokenRequest(String grantType, ClientCredentials credentials, String scope,
                        String resource, String dpopProof) {
        this(grantType, credentials, scope, resource, dpopProof, null, null);
    }

    @Override
    public String toString() {
        return "TokenRequest[grantType=" + grantType + ", credentials=" + credentials + ", scope=" + scope
                + ", resource=" + resource + ", dpop=" + (dpopProof != null) + ", remoteAddress=" + remoteAddress
                + ", traceId=" + traceId + "]";
    }
}
