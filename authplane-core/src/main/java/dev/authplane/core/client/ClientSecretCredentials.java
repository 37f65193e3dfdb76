package dev.authplane.core.client;

import java.util.Objects;

/**
 * The client credentials presented with one token request, already decoded by the transport
 * (for Basic: both halves form-url-decoded, RFC 6749 §2.3.1). {@link #toString()} hides the secret.
 *
 * @param clientId     as presented
 * @param clientSecret as presented; never logged
 * @param method       how they were presented
 */
public record ClientSecretCredentials(String clientId, String clientSecret, ClientAuthMethod method)
        implements ClientCredentials {

    public ClientSecretCredentials {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(method, "method");
        if (!method.usesSecret()) {
            throw new IllegalArgumentException("a secret is presented with client_secret_basic or client_secret_post");
        }
    }

    @Override
    public String toString() {
        return "ClientSecretCredentials[clientId=" + clientId + ", method=" + method.value() + "]";
    }
}
