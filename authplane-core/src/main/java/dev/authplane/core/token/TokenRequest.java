package dev.authplane.core.token;

import dev.authplane.core.client.ClientSecretCredentials;

import java.util.List;
import java.util.Objects;

/**
 * A token request after the transport's shape checks (token step 1 (authplane-core README): method, content type, size,
 * no repeated parameter, one client-authentication method). Core performs steps 2 to 9.
 *
 * @param grantType     the {@code grant_type} parameter, or {@code null} when absent
 * @param credentials   the presented client credentials, or {@code null} when none were presented
 * @param scope         the raw {@code scope} parameter, or {@code null} when absent
 * @param resources     every {@code resource} value in request order (empty when absent)
 * @param dpopProof     the single {@code DPoP} header value, or {@code null} when absent
 * @param remoteAddress the caller's IP address as the transport sees it (e.g. a servlet's
 *                      {@code getRemoteAddr()}, after any trusted proxy handling), used to throttle
 *                      failed client authentications per address; {@code null} when unknown, in
 *                      which case only the per-client limit applies
 */
public record TokenRequest(String grantType, ClientSecretCredentials credentials, String scope,
                           List<String> resources, String dpopProof, String remoteAddress) {

    public TokenRequest {
        resources = List.copyOf(Objects.requireNonNull(resources, "resources"));
    }

    /** A request whose remote address is unknown (no per-address throttling). */
    public TokenRequest(String grantType, ClientSecretCredentials credentials, String scope,
                        List<String> resources, String dpopProof) {
        this(grantType, credentials, scope, resources, dpopProof, null);
    }

    @Override
    public String toString() {
        return "TokenRequest[grantType=" + grantType + ", credentials=" + credentials + ", scope=" + scope
                + ", resources=" + resources + ", dpop=" + (dpopProof != null) + ", remoteAddress=" + remoteAddress
                + "]";
    }
}
