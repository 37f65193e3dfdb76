package dev.authplane.core.admin;

import dev.authplane.core.client.Client;

import java.util.Objects;

/**
 * A newly registered client or a rotated secret: the only moment the plaintext secret exists
 * outside the client. Show it to the operator once and drop it. {@link #toString()} hides it.
 *
 * @param client       the stored client (holding only the secret's hash)
 * @param clientSecret the plaintext secret
 */
public record CreatedClient(Client client, String clientSecret) {

    public CreatedClient {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(clientSecret, "clientSecret");
    }

    @Override
    public String toString() {
        return "CreatedClient[client=" + client + ", clientSecret=***]";
    }
}
