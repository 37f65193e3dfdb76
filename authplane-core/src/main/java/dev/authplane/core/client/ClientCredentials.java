package dev.authplane.core.client;

/**
 * What a token request presented to authenticate its client, already decoded by the transport:
 * a secret ({@link ClientSecretCredentials}) or a signed JWT ({@link ClientAssertionCredentials}).
 * Implementations never show the secret or the assertion in {@code toString()}.
 */
public sealed interface ClientCredentials permits ClientSecretCredentials, ClientAssertionCredentials {

    /** The {@code client_id} the request named, or {@code null} when it named none (an assertion's {@code sub} then does). */
    String clientId();

    /** How the credentials were presented. */
    ClientAuthMethod method();
}
