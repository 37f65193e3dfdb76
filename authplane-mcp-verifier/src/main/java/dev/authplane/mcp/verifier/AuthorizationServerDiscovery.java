package dev.authplane.mcp.verifier;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;

import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.util.Map;

/**
 * RFC 8414 discovery of the authorization server's {@code jwks_uri}. The document's
 * {@code issuer} must equal the configured issuer exactly (RFC 8414 §3.3), otherwise an attacker
 * able to serve a metadata document could substitute its own keys.
 */
final class AuthorizationServerDiscovery {

    private final String issuer;
    private final URI metadataUrl;
    private final ResourceRetriever retriever;

    AuthorizationServerDiscovery(String issuer, ResourceRetriever retriever) {
        this.issuer = issuer;
        this.metadataUrl = URI.create(Uris.wellKnownUrl(URI.create(issuer), Uris.AUTHORIZATION_SERVER_WELL_KNOWN));
        this.retriever = retriever;
    }

    /** The metadata URL this discovery fetches. */
    URI metadataUrl() {
        return metadataUrl;
    }

    /**
     * Fetches the metadata and returns its validated {@code jwks_uri}.
     *
     * @throws IOException              the document could not be fetched
     * @throws IllegalStateException    the document is malformed, names another issuer, or its
     *                                  {@code jwks_uri} is missing or insecure
     */
    URI discoverJwksUri() throws IOException {
        Resource document = retriever.retrieveResource(metadataUrl.toURL());
        Map<String, Object> metadata;
        try {
            metadata = JSONObjectUtils.parse(document.getContent());
        } catch (ParseException e) {
            throw new IllegalStateException("authorization server metadata at " + metadataUrl + " is not a JSON object");
        }
        if (!issuer.equals(metadata.get("issuer"))) {
            throw new IllegalStateException("authorization server metadata at " + metadataUrl
                    + " names a different issuer than the configured '" + issuer + "'");
        }
        if (!(metadata.get("jwks_uri") instanceof String jwksUri)) {
            throw new IllegalStateException("authorization server metadata at " + metadataUrl + " has no jwks_uri");
        }
        try {
            return Uris.parseSecureUri(jwksUri, "jwks_uri");
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }
}
