package dev.authplane.core.token;

import dev.authplane.core.client.AuthenticatedClient;
import dev.authplane.core.client.Client;
import dev.authplane.core.resource.Resource;

import java.util.List;
import java.util.Objects;

/**
 * What {@link MintIssuer} needs to mint one access token, after every check has passed.
 *
 * @param caller    the authenticated client ({@code sub} and {@code client_id}) and how it authenticated
 * @param resource  the target resource, or {@code null} when the audience is the issuer
 * @param audience  the {@code aud}: the resource URI, or the issuer
 * @param scopes    granted scopes, sorted; may be empty
 * @param grantType e.g. {@code client_credentials}
 * @param dpopJkt   the RFC 7638 thumbprint to bind the token to, or {@code null} for a Bearer token
 * @param traceId   the request's W3C trace id for the issuance row, or {@code null}
 */
record MintRequest(AuthenticatedClient caller, Resource resource, String audience, List<String> scopes,
                   String grantType, String dpopJkt, String traceId) {

    public MintRequest {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(audience, "audience");
        scopes = List.copyOf(Objects.requireNonNull(scopes, "scopes"));
        Objects.requireNonNull(grantType, "grantType");
        if (resource != null && !resource.uri().equals(audience)) {
            throw new IllegalArgumentException("audience must be the resource URI");
        }
    }

    /** The authenticated client. */
    public Client client() {
        return caller.client();
    }

    /** {@code DPoP} when bound to a proof key, else {@code Bearer}. */
    public String tokenType() {
        return dpopJkt == null ? "Bearer" : "DPoP";
    }
}
