package dev.authplane.core.admin;

import dev.authplane.core.client.Client;

import java.util.Objects;
import java.util.Optional;

/**
 * A newly registered client or a rotated secret: the only moment the plaintext secret exists
 * outside the client. Show it to the operator once and drop it. {@link #toString()} hides it.
 *
 * @param client       the stored client (holding only the secret's hash, or public keys)
 * @param clientSecret the plaintext secret; {@code null} for a {@code private_key_jwt} client, which has none
 */
public record CreatedClient(Client client, String clientSecret) {

    public CreatedClient {
        Objects.requireNonNull(client, "client");
        if ((clientSecret == null) == client.authMethod().usesSecret()) {
            throw new IllegalArgumentException("a client with a secret is created with it, a private_key_jwt client without");
        }
    }

    /** The secret, when the client has one. */
    public Optional<String> secret() {
        return Optional.ofNullable(clientSecret);
    }

    @Override
    public String toString() {
        return "CreatedClient[client=" + client + ", clientSecret=" + (clientSecret == null ? "none" : "***") + "]";
    }
}
