package dev.authplane.core.client;

import dev.authplane.core.config.SecuritySettings;
import dev.authplane.core.support.IdGenerator;

import java.time.Clock;

/**
 * Authenticates the client of a token request (token step 3, authplane-core README): the one
 * operation the token service needs, with its cost controls (verified-secret cache, failure
 * throttling, bounded bcrypt pool) configured from {@link SecuritySettings}. Every failure is an
 * {@code invalid_client} with the description {@value #FAILED}, so neither text nor timing tells an
 * unknown client from a wrong secret, method or status. Thread-safe.
 */
public interface ClientAuthentication {

    /** The one description every authentication failure carries. */
    String FAILED = "Client authentication failed";

    /** The description when no credentials were presented at all. */
    String MISSING = "Client authentication is required";

    /**
     * @param credentials   the presented credentials, or {@code null} when none were presented
     * @param remoteAddress the caller's address for per-address throttling, or {@code null}
     * @return the authenticated, active client
     * @throws dev.authplane.core.error.OAuthException {@code invalid_client} on any failure,
     *         {@code slow_down} when throttled, {@code temporarily_unavailable} when no bcrypt slot
     *         was free in time
     * @throws dev.authplane.core.storage.StorageException when the client store fails
     */
    Client authenticate(ClientSecretCredentials credentials, String remoteAddress);

    /** Client authentication over {@code clients} with every cost control of {@code security}. */
    static ClientAuthentication create(ClientRepository clients, SecretVerifier verifier, SecuritySettings security,
                                       IdGenerator ids, Clock clock) {
        return ClientAuthenticator.builder(clients, verifier).clock(clock).security(security, ids).build();
    }
}
