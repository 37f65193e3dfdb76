package dev.authplane.core.client;

import dev.authplane.core.config.SecuritySettings;
import dev.authplane.core.error.OAuthError;
import dev.authplane.core.error.OAuthException;
import dev.authplane.core.support.IdGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
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
 * checked. Every {@code invalid_client} counts as a failure for the client id and the address; only
 * a fully successful authentication creates a cache entry. The package documentation gives the
 * security argument. The client is read on every call, so disabling a client or rotating its
 * secret takes effect for the next request. Thread-safe.
 */
final class ClientAuthenticator implements ClientAuthentication {

    private static final Logger LOG = LoggerFactory.getLogger(ClientAuthenticator.class);

    private final ClientRepository clients;
    private final SecretVerifier verifier;
    private final VerifiedSecretCache cache;
    private final FailedAuthThrottle throttle;
    private final SecretCheckPool pool;

    /**
     * An authenticator without cache, throttling or concurrency bound: every check runs bcrypt.
     *
     * @param clients  where clients are looked up
     * @param verifier checks presented secrets, e.g. a {@link ClientSecretHasher}
     */
    ClientAuthenticator(ClientRepository clients, SecretVerifier verifier) {
        this(builder(clients, verifier));
    }

    private ClientAuthenticator(Builder b) {
        this.clients = b.clients;
        this.verifier = b.verifier;
        this.cache = b.cacheKeySource == null ? VerifiedSecretCache.disabled()
                : new VerifiedSecretCache(b.cacheSize, b.cacheKeySource);
        this.throttle = b.window == null ? FailedAuthThrottle.off(b.clock)
                : new FailedAuthThrottle(b.perClient, b.perAddress, b.window, b.clock);
        this.pool = b.pool;
    }

    /** A builder with no cache, no throttling and no concurrency bound until they are set. */
    static Builder builder(ClientRepository clients, SecretVerifier verifier) {
        return new Builder(clients, verifier);
    }

    /** {@link #authenticate(ClientSecretCredentials, String)} from an unknown address. */
    Client authenticate(ClientSecretCredentials credentials) {
        return authenticate(credentials, null);
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
    public Client authenticate(ClientSecretCredentials credentials, String remoteAddress) {
        if (credentials == null) {
            throw new OAuthException(OAuthError.INVALID_CLIENT, MISSING);
        }
        String clientId = credentials.clientId();
        Optional<Client> found = clientId.isEmpty() ? Optional.empty() : clients.findByClientId(clientId);
        byte[] tag = cache.tag(clientId, found.map(Client::secretHash).orElse(null), credentials.clientSecret());
        boolean cached = cache.contains(clientId, tag) && found.isPresent();
        if (!cached) {
            throttle.check(clientId, remoteAddress);
        }
        boolean secretOk = cached || pool.run(() -> checkSecret(found, credentials.clientSecret()));
        String refusal = refusal(found, secretOk, credentials.method());
        if (refusal != null) {
            throttle.recordFailure(clientId, remoteAddress);
            if (found.isPresent()) {
                LOG.info("Client authentication failed for client_id {}: {}", found.get().clientId(), refusal);
            } else {
                LOG.debug("Client authentication failed: {}", refusal); // anyone can send unknown ids: no INFO flood
            }
            throw new OAuthException(OAuthError.INVALID_CLIENT, FAILED);
        }
        if (!cached) {
            cache.put(clientId, tag);
        }
        return found.get();
    }

    /**
     * Why authentication fails, for the operator log only (callers all see {@link #FAILED}), or
     * {@code null} when it succeeds. Names only what the server stored, never what was presented.
     */
    private static String refusal(Optional<Client> found, boolean secretOk, ClientAuthMethod presented) {
        if (found.isEmpty()) {
            return "unknown client_id";
        }
        if (!secretOk) {
            return "wrong secret";
        }
        if (!found.get().authMethod().accepts(presented)) {
            return "method mismatch: sent " + presented.value() + ", registered " + found.get().authMethod().value();
        }
        return found.get().isActive() ? null : "client is disabled";
    }

    /** How many verified credentials are cached now. */
    int cachedCredentials() {
        return cache.size();
    }

    private boolean checkSecret(Optional<Client> found, String secret) {
        return found.isPresent() ? verifier.matches(secret, found.get().secretHash()) : verifier.matchesNothing(secret);
    }

    /** Configures an {@link ClientAuthenticator}; not thread-safe. */
    static final class Builder {
        private final ClientRepository clients;
        private final SecretVerifier verifier;
        private Clock clock = Clock.systemUTC();
        private IdGenerator cacheKeySource;
        private int cacheSize;
        private int perClient;
        private int perAddress;
        private Duration window;
        private SecretCheckPool pool = SecretCheckPool.unbounded();

        private Builder(ClientRepository clients, SecretVerifier verifier) {
            this.clients = Objects.requireNonNull(clients, "clients");
            this.verifier = Objects.requireNonNull(verifier, "verifier");
        }

        /** Time source of the failure windows (default {@link Clock#systemUTC()}). */
        Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Remember up to {@code maxEntries} verified credentials (0: none, the default).
         *
         * @param ids source of the random per-process HMAC key
         */
        Builder verifiedSecretCache(int maxEntries, IdGenerator ids) {
            if (maxEntries < 0) {
                throw new IllegalArgumentException("maxEntries must not be negative");
            }
            this.cacheSize = maxEntries;
            this.cacheKeySource = Objects.requireNonNull(ids, "ids");
            return this;
        }

        /**
         * Answer {@code slow_down} once a client id or an address reached its failures within
         * {@code window} (0 turns a limit off; both are off by default).
         */
        Builder failedAuthLimits(int perClientId, int perAddress, Duration window) {
            if (perClientId < 0 || perAddress < 0) {
                throw new IllegalArgumentException("limits must not be negative");
            }
            this.perClient = perClientId;
            this.perAddress = perAddress;
            this.window = Objects.requireNonNull(window, "window");
            return this;
        }

        /** Run at most {@code permits} bcrypt checks at once, waiting at most {@code wait} (default: unbounded). */
        Builder bcryptConcurrency(int permits, Duration wait) {
            this.pool = new SecretCheckPool(permits, wait);
            return this;
        }

        /** Every setting from {@code security} ({@code security.*} keys of the configuration). */
        Builder security(SecuritySettings security, IdGenerator ids) {
            return verifiedSecretCache(security.verifiedSecretCacheSize(), ids)
                    .failedAuthLimits(security.maxFailedAuthPerClient(), security.maxFailedAuthPerAddress(),
                            security.failedAuthWindow())
                    .bcryptConcurrency(security.bcryptPermits(), security.bcryptWait());
        }

        /** The authenticator; each call builds an independent one with its own cache and counters. */
        ClientAuthenticator build() {
            return new ClientAuthenticator(this);
        }
    }
}
