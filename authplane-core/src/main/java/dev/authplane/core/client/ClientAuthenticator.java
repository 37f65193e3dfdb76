package dev.authplane.core.client;

import dev.authplane.core.error.OAuthError;
import dev.authplane.core.error.OAuthException;
import dev.authplane.core.observe.AuthFailureReason;
import dev.authplane.core.observe.AuthPlaneObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Authenticates the client of a token request (token step 3 (authplane-core README)), keeping its cost bounded.
 *
 * <p>An unknown client, a wrong secret, a method the registered one does not
 * {@linkplain ClientAuthMethod#accepts accept} and a disabled
 * client all fail with the same {@code invalid_client} description, {@value #FAILED}. The order of
 * work hides which one it was: the secret is always verified first (against a dummy hash for an
 * unknown client, see {@link SecretVerifier#matchesNothing(String)}), and the method and the status
 * are looked at only afterwards, so neither timing nor text tells them apart.
 *
 * <p>Per request: (1) the client is read from the repository; (2) when the presented secret
 * matches a verified-credential entry bound to the client's current secret hash, no bcrypt runs;
 * (3) otherwise, a client id or remote address with too many recent failures is answered
 * {@code slow_down} before any bcrypt work; (4) otherwise one bcrypt check runs inside a bounded
 * pool ({@code temporarily_unavailable} when no slot frees up in time); (5) method and status are
 * checked, and the secret's expiry. During a rotation with overlap the replaced secret also
 * passes until its grace period ends: a second bcrypt check runs when the current one fails, and
 * it has a cache slot of its own, looked up only while the grace lasts, so the end is honoured at
 * once. An expired secret is refused like any other failure and logged as a warning for the
 * operator. Every {@code invalid_client} counts as a failure for the client id and the address; only
 * a fully successful authentication creates a cache entry. The package documentation gives the
 * security argument. The client is read on every call, so disabling a client or rotating its
 * secret takes effect for the next request.
 *
 * <p>A client assertion ({@code private_key_jwt}) costs no bcrypt: the throttle is checked first,
 * then the client named by the assertion's {@code sub} is read, its method and status checked, and
 * {@link ClientAssertionVerifier} verifies one signature and writes one replay-store entry. Its
 * failures carry the same description and count in the same throttle. Thread-safe.
 */
final class ClientAuthenticator implements ClientAuthentication {

    private static final Logger LOG = LoggerFactory.getLogger(ClientAuthenticator.class);
    /** The cache slot of a client's replaced secret; a client id holds no control character. */
    private static final String PREVIOUS_SLOT = "\u0000previous";

    private final ClientRepository clients;
    private final SecretVerifier verifier;
    private final VerifiedSecretCache cache;
    private final FailedAuthThrottle throttle;
    private final SecretCheckPool pool;
    private final ClientAssertionVerifier assertions;
    private final Clock clock;
    private final AuthPlaneObserver observer;

    /**
     * An authenticator without cache, throttling or concurrency bound: every check runs bcrypt.
     *
     * @param clients  where clients are looked up
     * @param verifier checks presented secrets, e.g. a {@link ClientSecretHasher}
     */
    ClientAuthenticator(ClientRepository clients, SecretVerifier verifier) {
        this(builder(clients, verifier));
    }

    ClientAuthenticator(ClientAuthenticatorBuilder b) {
        this.clients = b.clients;
        this.verifier = b.verifier;
        this.cache = b.cacheKeySource == null ? VerifiedSecretCache.disabled()
                : new VerifiedSecretCache(b.cacheSize, b.cacheKeySource);
        this.throttle = b.window == null ? FailedAuthThrottle.off(b.clock)
                : new FailedAuthThrottle(b.perClient, b.perAddress, b.window, b.clock);
        this.pool = b.pool;
        this.assertions = b.assertions;
        this.clock = b.clock;
        this.observer = b.observer;
    }

    /** A builder with no cache, no throttling and no concurrency bound until they are set. */
    static ClientAuthenticatorBuilder builder(ClientRepository clients, SecretVerifier verifier) {
        return new ClientAuthenticatorBuilder(clients, verifier);
    }

    /** A secret authentication from an unknown address: the authenticated client. */
    Client authenticate(ClientSecretCredentials credentials) {
        return authenticate(credentials, null).client();
    }

    /**
     * @param credentials   the presented credentials, or {@code null} when none were presented
     * @param remoteAddress the caller's address for per-address throttling, or {@code null}
     * @return the authenticated, active client
     * @throws OAuthException {@code invalid_client} on any failure, {@code slow_down} when throttled,
     *                        {@code temporarily_unavailable} when no bcrypt slot was free in time
     * @throws dev.authplane.core.storage.StorageException when the client store fails
     */
    @Override
    public AuthenticatedClient authenticate(ClientCredentials credentials, String remoteAddress) {
        if (credentials == null) {
            observer.clientAuthenticationFailed(null, AuthFailureReason.MISSING_CREDENTIALS);
            throw new OAuthException(OAuthError.INVALID_CLIENT, MISSING);
        }
        if (credentials instanceof ClientAssertionCredentials assertion) {
            return authenticateAssertion(assertion, remoteAddress);
        }
        return new AuthenticatedClient(authenticateSecret((ClientSecretCredentials) credentials, remoteAddress),
                credentials.method(), null);
    }

    private Client authenticateSecret(ClientSecretCredentials credentials, String remoteAddress) {
        String clientId = credentials.clientId();
        Optional<Client> found = clientId.isEmpty() ? Optional.empty() : clients.findByClientId(clientId);
        Instant now = clock.instant();
        String secret = credentials.clientSecret();
        byte[] tag = cache.tag(clientId, found.map(Client::secretHash).orElse(null), secret);
        Optional<String> previousHash = found.flatMap(c -> c.secretValidity().previousHashAt(now));
        byte[] previousTag = previousHash.map(hash -> cache.tag(clientId, hash, secret)).orElse(null);
        SecretMatch cached = found.isEmpty() ? SecretMatch.NONE
                : cache.contains(clientId, tag) ? SecretMatch.CURRENT
                : previousTag != null && cache.contains(clientId + PREVIOUS_SLOT, previousTag) ? SecretMatch.PREVIOUS
                : SecretMatch.NONE;
        if (found.isPresent()) {
            observer.secretCacheLookup(cached != SecretMatch.NONE);
        }
        if (cached == SecretMatch.NONE) {
            checkThrottle(clientId, remoteAddress, credentials.method());
        }
        SecretMatch match = cached != SecretMatch.NONE ? cached : checkInPool(found, previousHash, credentials);
        ClientAuthFailure refusal = refusal(found, match, credentials.method(), now);
        if (refusal != null) {
            throw refuse(clientId, remoteAddress, found.isPresent(), credentials.method(), refusal);
        }
        if (cached == SecretMatch.NONE) {
            cache.put(match == SecretMatch.CURRENT ? clientId : clientId + PREVIOUS_SLOT,
                    match == SecretMatch.CURRENT ? tag : previousTag);
        }
        return found.get();
    }

    /**
     * {@code private_key_jwt}: no bcrypt and no cache; the assertion's {@code sub} names the client
     * (and must equal a {@code client_id} sent with it). Failures count in the same throttle as
     * wrong secrets, checked before any signature is verified.
     */
    private AuthenticatedClient authenticateAssertion(ClientAssertionCredentials credentials, String remoteAddress) {
        ClientAssertionVerifier.Parsed parsed = ClientAssertionVerifier.parse(credentials.assertion());
        String clientId = parsed.subject() != null ? parsed.subject()
                : credentials.clientId() != null ? credentials.clientId() : "";
        checkThrottle(clientId, remoteAddress, ClientAuthMethod.PRIVATE_KEY_JWT);
        Optional<Client> found = Optional.empty();
        try {
            if (parsed.problem() != null) {
                throw new ClientAuthFailure(parsed.problem());
            }
            if (credentials.clientId() != null && !credentials.clientId().equals(parsed.subject())) {
                throw new ClientAuthFailure("client_id differs from the assertion's sub");
            }
            found = parsed.subject() == null ? Optional.empty() : clients.findByClientId(parsed.subject());
            Client client = found.orElseThrow(() -> new ClientAuthFailure(AuthFailureReason.UNKNOWN_CLIENT,
                    "unknown client_id"));
            if (client.authMethod() != ClientAuthMethod.PRIVATE_KEY_JWT) {
                throw new ClientAuthFailure(AuthFailureReason.METHOD_MISMATCH,
                        "method mismatch: sent private_key_jwt, registered " + client.authMethod().value());
            }
            if (!client.isActive()) {
                throw new ClientAuthFailure(AuthFailureReason.CLIENT_DISABLED, "client is disabled");
            }
            if (assertions == null) {
                throw new ClientAuthFailure("this authenticator checks no client assertions");
            }
            String kid = assertions.verify(parsed, client);
            return new AuthenticatedClient(client, ClientAuthMethod.PRIVATE_KEY_JWT, kid);
        } catch (ClientAuthFailure failure) {
            throw refuse(clientId, remoteAddress, found.isPresent(), ClientAuthMethod.PRIVATE_KEY_JWT, failure);
        }
    }

    /** The throttle's {@code slow_down}, observed as a {@link AuthFailureReason#THROTTLED} failure. */
    private void checkThrottle(String clientId, String remoteAddress, ClientAuthMethod method) {
        try {
            throttle.check(clientId, remoteAddress);
        } catch (OAuthException slowDown) {
            observer.clientAuthenticationFailed(methodTag(method), AuthFailureReason.THROTTLED);
            throw slowDown;
        }
    }

    /** One bcrypt check in the bounded pool; a full pool is observed as {@link AuthFailureReason#BUSY}. */
    private SecretMatch checkInPool(Optional<Client> found, Optional<String> previousHash,
                                    ClientSecretCredentials credentials) {
        long queued = System.nanoTime();
        try {
            return pool.run(() -> {
                long started = System.nanoTime();
                SecretMatch match = checkSecret(found, previousHash, credentials.clientSecret());
                observer.secretChecked(started - queued, System.nanoTime() - started);
                return match;
            });
        } catch (OAuthException busy) {
            observer.clientAuthenticationFailed(methodTag(credentials.method()), AuthFailureReason.BUSY);
            throw busy;
        }
    }

    /** Counts the failure, logs and observes its reason for the operator and answers the one description. */
    private OAuthException refuse(String clientId, String remoteAddress, boolean known, ClientAuthMethod method,
                                  ClientAuthFailure failure) {
        throttle.recordFailure(clientId, remoteAddress);
        observer.clientAuthenticationFailed(methodTag(method), failure.category());
        String reason = failure.reason();
        if (failure.category() == AuthFailureReason.SECRET_EXPIRED) {
            LOG.warn("Client authentication failed for client_id {}: {}", clientId, reason);
        } else if (known) {
            LOG.info("Client authentication failed for client_id {}: {}", clientId, reason);
        } else {
            LOG.debug("Client authentication failed: {}", reason); // anyone can send unknown ids: no INFO flood
        }
        return new OAuthException(OAuthError.INVALID_CLIENT, FAILED);
    }

    /**
     * Why a secret authentication fails, for the operator log only (callers all see {@link #FAILED}), or
     * {@code null} when it succeeds. Names only what the server stored, never what was presented.
     */
    private static ClientAuthFailure refusal(Optional<Client> found, SecretMatch match, ClientAuthMethod presented,
                                             Instant now) {
        if (found.isEmpty()) {
            return new ClientAuthFailure(AuthFailureReason.UNKNOWN_CLIENT, "unknown client_id");
        }
        Client client = found.get();
        if (!client.authMethod().accepts(presented)) {
            return new ClientAuthFailure(AuthFailureReason.METHOD_MISMATCH, "method mismatch: sent "
                    + presented.value() + ", registered " + client.authMethod().value());
        }
        if (match == SecretMatch.NONE) {
            return new ClientAuthFailure(AuthFailureReason.WRONG_SECRET, "wrong secret");
        }
        if (match == SecretMatch.CURRENT && client.secretValidity().currentExpired(now)) {
            return new ClientAuthFailure(AuthFailureReason.SECRET_EXPIRED, "the client's secret expired at "
                    + client.secretValidity().expiresAt() + "; give it a new one with admin client rotate-secret");
        }
        return client.isActive() ? null : new ClientAuthFailure(AuthFailureReason.CLIENT_DISABLED, "client is disabled");
    }

    private static String methodTag(ClientAuthMethod method) {
        return method == null ? null : method.value();
    }

    @Override
    public int verifiedSecretsCached() {
        return cache.size();
    }

    @Override
    public int secretChecksWaiting() {
        return pool.waiting();
    }

    @Override
    public int secretChecksRunning() {
        return pool.running();
    }

    /**
     * One bcrypt check whatever the client (against a dummy hash when it has no secret to match),
     * and a second one against the replaced secret while its grace period lasts.
     */
    private SecretMatch checkSecret(Optional<Client> found, Optional<String> previousHash, String secret) {
        String hash = found.map(Client::secretHash).orElse(null);
        if (hash == null) {
            verifier.matchesNothing(secret);
            return SecretMatch.NONE;
        }
        if (verifier.matches(secret, hash)) {
            return SecretMatch.CURRENT;
        }
        return previousHash.isPresent() && verifier.matches(secret, previousHash.get())
                ? SecretMatch.PREVIOUS : SecretMatch.NONE;
    }

    /** Which of a client's secrets a presented one is. */
    private enum SecretMatch { NONE, CURRENT, PREVIOUS }
}
