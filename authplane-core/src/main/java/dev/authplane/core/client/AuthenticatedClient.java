package dev.authplane.core.client;

import java.util.Objects;

/**
 * A client that authenticated, and how: recorded in the issuance row of each token it gets.
 *
 * @param client the active client
 * @param method how it authenticated at this request
 * @param keyId  the {@code kid} of the key that verified its assertion, or {@code null} (a secret,
 *               or an assertion whose header named no key)
 */
public record AuthenticatedClient(Client client, ClientAuthMethod method, String keyId) {

    public AuthenticatedClient {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(method, "method");
    }
}
