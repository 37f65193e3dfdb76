package dev.authplane.core.client;

import java.io.IOException;
import java.net.URI;

/**
 * Port: fetches the JWK Set document a {@code private_key_jwt} client registered as its
 * {@code jwks_uri}. Core parses, validates and caches what it returns (see the {@code client}
 * package documentation); an adapter owns the transport and its safety rules (https only, timeouts,
 * a size limit, no redirect to another host, no loopback, private or link-local address), e.g.
 * {@code dev.authplane.servlet.HttpsJwksFetcher}. Thread-safe.
 */
@FunctionalInterface
public interface JwksFetcher {

    /** Refuses every fetch: clients may register their keys inline only. */
    JwksFetcher NONE = uri -> {
        throw new IOException("this server fetches no jwks_uri (no JwksFetcher is configured)");
    };

    /**
     * @return the document, at most {@link ClientKeys#MAX_JWKS_BYTES} bytes as text
     * @throws IOException with an operator-facing message when the document cannot be fetched or is refused
     */
    String fetch(URI uri) throws IOException;
}
