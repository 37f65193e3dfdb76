package dev.authplane.core.client;

import dev.authplane.core.config.AuthPlaneConfig;
import dev.authplane.core.config.SecuritySettings;
import dev.authplane.core.observe.AuthPlaneObserver;
import dev.authplane.core.support.IdGenerator;
import dev.authplane.dpop.DPoPReplayStore;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** Configures an {@link ClientAuthenticator}; not thread-safe. */
final class ClientAuthenticatorBuilder {
    final ClientRepository clients;
    final SecretVerifier verifier;
    Clock clock = Clock.systemUTC();
    IdGenerator cacheKeySource;
    int cacheSize;
    int perClient;
    int perAddress;
    Duration window;
    SecretCheckPool pool = SecretCheckPool.unbounded();
    ClientAssertionVerifier assertions;
    AuthPlaneObserver observer = AuthPlaneObserver.NONE;

    ClientAuthenticatorBuilder(ClientRepository clients, SecretVerifier verifier) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /** Time source of the failure windows (default {@link Clock#systemUTC()}). */
    ClientAuthenticatorBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Remember up to {@code maxEntries} verified credentials (0: none, the default).
     *
     * @param ids source of the random per-process HMAC key
     */
    ClientAuthenticatorBuilder verifiedSecretCache(int maxEntries, IdGenerator ids) {
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
    ClientAuthenticatorBuilder failedAuthLimits(int perClientId, int perAddress, Duration window) {
        if (perClientId < 0 || perAddress < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
        this.perClient = perClientId;
        this.perAddress = perAddress;
        this.window = Objects.requireNonNull(window, "window");
        return this;
    }

    /** Run at most {@code permits} bcrypt checks at once, waiting at most {@code wait} (default: unbounded). */
    ClientAuthenticatorBuilder bcryptConcurrency(int permits, Duration wait) {
        this.pool = new SecretCheckPool(permits, wait);
        return this;
    }

    /**
     * Accept {@code private_key_jwt} assertions checked against {@code config}'s issuer and
     * {@code client_auth.*} settings, with jtis remembered in {@code replay} and {@code jwks_uri}
     * documents fetched by {@code jwks} (default: assertions refused).
     */
    ClientAuthenticatorBuilder clientAssertions(AuthPlaneConfig config, DPoPReplayStore replay, JwksFetcher jwks) {
        this.assertions = new ClientAssertionVerifier(config, replay, new ClientKeyStore(jwks, clock, config.cryptoProvider()), clock);
        return this;
    }

    /** Told each failure, cache lookup and bcrypt check (default {@link AuthPlaneObserver#NONE}). */
    ClientAuthenticatorBuilder observer(AuthPlaneObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        return this;
    }

    /** Every setting from {@code security} ({@code security.*} keys of the configuration). */
    ClientAuthenticatorBuilder security(SecuritySettings security, IdGenerator ids) {
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
