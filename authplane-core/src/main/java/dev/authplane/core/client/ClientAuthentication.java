package dev.authplane.core.client;

import dev.authplane.core.config.AuthPlaneConfig;
import dev.authplane.core.observe.AuthPlaneObserver;
import dev.authplane.core.support.IdGenerator;
import dev.authplane.dpop.DPoPReplayStore;

import java.time.Clock;

/**
 * Authenticates the client of a token request (token step 3, authplane-core README): the one
 * operation the token service needs, with its cost controls (verified-secret cache, failure
 * throttling, bounded bcrypt pool) configured from {@code security.*}, and signed-JWT client
 * assertions ({@code private_key_jwt}) checked as {@code client_auth.*} says. Every failure is an
 * {@code invalid_client} with the description {@value #FAILED}, so neither text nor timing tells an
 * unknown client from a wrong secret, assertion, method or status. Thread-safe.
 */
public interface ClientAuthentication {

    /** The one description every authentication failure carries. */
    String FAILED = "Client authentication failed";

    /** The description when no credentials were presented at all. */
    String MISSING = "Client authentication is required";

    /**
     * @param credentials   the presented credentials, or {@code null} when none were presented
     * @param remoteAddress the caller's address for per-address throttling, or {@code null}
     * @return the authenticated, active client and how it authenticated
     * @throws dev.authplane.core.error.OAuthException {@code invalid_client} on any failure,
     *         {@code slow_down} when throttled, {@code temporarily_unavailable} when no bcrypt slot
     *         was free in time
     * @throws dev.authplane.core.storage.StorageException when the client store fails
     */
    AuthenticatedClient authenticate(ClientCredentials credentials, String remoteAddress);

    /** Requests waiting for a bcrypt slot now; 0 for an implementation without a pool. */
    default int secretChecksWaiting() {
        return 0;
    }

    /** bcrypt checks running now; 0 for an implementation without a pool. */
    default int secretChecksRunning() {
        return 0;
    }

    /** Verified credentials cached now; 0 for an implementation without a cache. */
    default int verifiedSecretsCached() {
        return 0;
    }

    /**
     * Client authentication over {@code clients} with every cost control of {@code config.security()}
     * and client assertions checked as {@code config.clientAuth()} says.
     *
     * @param replay remembers accepted assertion {@code jti}s (share one store between nodes)
     * @param jwks     fetches {@code jwks_uri} documents; {@link JwksFetcher#NONE} for inline keys only
     * @param observer told each failure, cache lookup and bcrypt check
     */
    static ClientAuthentication create(ClientRepository clients, SecretVerifier verifier, AuthPlaneConfig config,
                                       DPoPReplayStore replay, JwksFetcher jwks, IdGenerator ids, Clock clock,
                                       AuthPlaneObserver observer) {
        return ClientAuthenticator.builder(clients, verifier).clock(clock).security(config.security(), ids)
                .clientAssertions(config, replay, jwks).observer(observer).build();
    }
}
