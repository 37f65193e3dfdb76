package dev.authplane.core.client;

import java.util.Objects;

/**
 * A client assertion (RFC 7523 §2.2): {@code client_assertion} with {@code client_assertion_type}
 * {@value #JWT_BEARER}, checked by the transport. {@link #toString()} hides the assertion.
 *
 * @param clientId  the {@code client_id} parameter, or {@code null} when the request omitted it
 * @param assertion the compact JWT as presented; never logged
 */
public record ClientAssertionCredentials(String clientId, String assertion) implements ClientCredentials {

    /** The one {@code client_assertion_type} accepted. */
    public static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    public ClientAssertionCredentials {
        Objects.requireNonNull(assertion, "assertion");
    }

    @Override
    public ClientAuthMethod method() {
        return ClientAuthMethod.PRIVATE_KEY_JWT;
    }

    @Override
    public String toString() {
        return "ClientAssertionCredentials[clientId=" + clientId + "]";
    }
}
