package dev.authplane.core.key;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import dev.authplane.core.config.AuthPlaneConfig;
import dev.authplane.core.observe.AuthPlaneObserver;
import dev.authplane.core.observe.KeyEvent;
import dev.authplane.core.storage.StorageException;
import dev.authplane.core.storage.StorageUnavailableException;
import dev.authplane.core.support.IdGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.Provider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Owns the signing keys (RFC 7517, RFC 8414 and RFC 9728): creates the first key on first use, rotates, publishes the
 * public JWKS and hands the active signer to the minter.
 *
 * <p><b>Lifecycle.</b> The first call finds no active key and generates one (ES256 on P-256 or
 * RS256 with 2048 bits, per {@code signing.algorithm}) through
 * {@link SigningKeyRepository#insertIfNoActive(SigningKey)}, so several nodes starting at once agree
 * on one key. {@link #rotate()} makes a new key active at once with the repository's
 * compare-and-set; the previous key is retired and stays published until
 * {@code retiredAt + token expiry + clock skew + refresh interval}, however many rotations follow.
 * The refresh interval is part of the retention because another node may keep signing with the
 * retired key until it next re-reads the store. Retired keys past their publication end are
 * deleted. When the configured algorithm differs from the stored active key's, the first use by
 * this instance rotates to a key of the configured algorithm.
 *
 * <p><b>Caching and convergence.</b> The active signer and the JWKS JSON are built once per key
 * change and reused. The store is re-read at least every refresh interval
 * ({@value #DEFAULT_REFRESH_SECONDS}s by default) and whenever a retired key's publication ends,
 * so nodes sharing a database converge on another node's rotation within one refresh interval.
 * If a refresh fails while a snapshot exists, the snapshot keeps being served and the refresh is
 * retried after {@value #RETRY_SECONDS}s: the JWKS for as long as the store stays unreadable, the
 * signer only until the snapshot is older than refresh interval plus clock skew. Past that,
 * another node may have rotated and the retired key's publication (which allows exactly that much
 * for nodes that have not yet seen the rotation) could end before a token signed now expires, so
 * {@link #activeKey()} fails instead and no token is minted until the store answers. Thread-safe.
 */
public final class KeyManager {

    /** How often the key store is re-read, in seconds, by default. */
    public static final long DEFAULT_REFRESH_SECONDS = 30;

    /** The default re-read interval. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(DEFAULT_REFRESH_SECONDS);

    static final long RETRY_SECONDS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(KeyManager.class);

    private final SigningKeyRepository repository;
    private final Clock clock;
    private final IdGenerator ids;
    private final JWSAlgorithm algorithm;
    private final Duration retention;
    private final Duration refreshInterval;
    private final Duration signingGrace;
    private final AuthPlaneObserver observer;
    private final Provider cryptoProvider;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile KeyState state;

    /** A key manager re-reading the store every {@link #DEFAULT_REFRESH_INTERVAL}. */
    public KeyManager(SigningKeyRepository repository, AuthPlaneConfig config, Clock clock, IdGenerator ids) {
        this(repository, config, clock, ids, DEFAULT_REFRESH_INTERVAL);
    }

    /**
     * @param refreshInterval how often the store is re-read (positive); bounds how long another
     *                        node's rotation stays unseen here
     */
    public KeyManager(SigningKeyRepository repository, AuthPlaneConfig config, Clock clock, IdGenerator ids,
                      Duration refreshInterval) {
        this(repository, config, clock, ids, refreshInterval, AuthPlaneObserver.NONE);
    }

    /**
     * @param refreshInterval how often the store is re-read (positive)
     * @param observer        told each generation, rotation, revocation and failed refresh
     */
    public KeyManager(SigningKeyRepository repository, AuthPlaneConfig config, Clock clock, IdGenerator ids,
                      Duration refreshInterval, AuthPlaneObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.cryptoProvider = config.cryptoProvider();
        this.repository = Objects.requireNonNull(repository, "repository");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.refreshInterval = Objects.requireNonNull(refreshInterval, "refreshInterval");
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("refreshInterval must be positive");
        }
        this.algorithm = JWSAlgorithm.parse(config.signingAlgorithm().name());
        this.retention = config.clientCredentials().maxTokenExpiry().plus(config.security().clockSkew())
                .plus(refreshInterval);
        this.signingGrace = refreshInterval.plus(config.security().clockSkew());
    }

    /**
     * The key that signs new tokens; creates the first key when the store has none.
     *
     * @throws StorageException when the store fails and no earlier snapshot exists
     * @throws StorageUnavailableException when the store has been unreadable for longer than the
     *                                     refresh interval plus the clock skew
     */
    public ActiveKey activeKey() {
        KeyState current = state();
        if (tooOldToSign(current)) {
            current = refreshWaiting();
            if (tooOldToSign(current)) {
                throw new StorageUnavailableException("the signing keys could not be re-read since "
                        + current.readAt() + "; no token is signed with a key that may have been retired", null);
            }
        }
        return current.activeKey();
    }

    /** The public JWKS as JSON: {@code kty}, key parameters, {@code kid}, {@code alg}, {@code use=sig}; never private members. */
    public String publicJwksJson() {
        return state().publicJson();
    }

    /** The public JWKS (same content as {@link #publicJwksJson()}). */
    public JWKSet publicJwkSet() {
        return state().publicSet();
    }

    /** Every stored key, active first, read from the store now (not from the cache). */
    public List<KeyInfo> list() {
        return repository.findAll().stream().map(KeyInfo::of).toList();
    }

    /**
     * Makes a new key active immediately and retires the previous one. When another node rotates
     * at the same moment, its key wins and is returned.
     *
     * @return the key that is active afterwards
     */
    public KeyInfo rotate() {
        lock.lock();
        try {
            Instant now = now();
            SigningKey next = newKey(now);
            boolean won = repository.findActive()
                    .map(current -> repository.rotate(current.kid(), next, now, now.plus(retention)))
                    .orElseGet(() -> repository.insertIfNoActive(next));
            if (won) {
                LOG.info("Signing key rotated; new active kid {}", next.kid());
                observer.keyEvent(KeyEvent.ROTATED);
            } else {
                LOG.info("Signing key rotation lost to a concurrent rotation; using the winner");
            }
            return KeyInfo.of(reload(now).active());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Revokes the key {@code kid}: it leaves this node's JWKS at once and never signs again, and it
     * is deleted from the store (other nodes drop it at their next refresh, within the refresh
     * interval). An active key is first replaced by a new active key ({@link #rotate()}).
     * Verifiers refuse tokens it signed once their JWKS cache no longer holds it: an unknown
     * {@code kid} after their next refresh.
     *
     * @return {@code false} when no key has that kid
     */
    public boolean revoke(String kid) {
        lock.lock();
        try {
            if (repository.findActive().map(k -> k.kid().equals(kid)).orElse(false)) {
                rotate();
            }
            boolean deleted = repository.deleteRetired(kid);
            if (deleted) {
                LOG.warn("Signing key {} revoked: removed from the JWKS and the store", kid);
                observer.keyEvent(KeyEvent.REVOKED);
            }
            reload(now());
            return deleted;
        } finally {
            lock.unlock();
        }
    }

    /**
     * How long ago this node's cached active key was created, without touching the store;
     * {@link Duration#ZERO} before the keys were first loaded.
     */
    public Duration activeKeyAge() {
        KeyState current = state;
        return current == null ? Duration.ZERO : Duration.between(current.active().createdAt(), now());
    }

    /** Re-reads the store now, e.g. after an operator changed keys behind this node's back. */
    public void refresh() {
        lock.lock();
        try {
            reload(now());
        } finally {
            lock.unlock();
        }
    }

    private KeyState state() {
        KeyState current = state;
        if (current != null && now().isBefore(current.validUntil())) {
            return current;
        }
        if (current != null && !lock.tryLock()) {
            return current;
        }
        if (current == null) {
            lock.lock();
        }
        try {
            return refreshLocked();
        } finally {
            lock.unlock();
        }
    }

    private boolean tooOldToSign(KeyState snapshot) {
        return now().isAfter(snapshot.readAt().plus(signingGrace));
    }

    /** Like {@link #state()}, but waits for a refresh another thread is doing instead of skipping it. */
    private KeyState refreshWaiting() {
        lock.lock();
        try {
            return refreshLocked();
        } finally {
            lock.unlock();
        }
    }

    private KeyState refreshLocked() {
        KeyState current = state;
        Instant now = now();
        if (current != null && now.isBefore(current.validUntil())) {
            return current;
        }
        try {
            return current == null ? firstLoad(now) : reload(now);
        } catch (StorageException e) {
            if (current == null) {
                throw e;
            }
            LOG.warn("Signing key refresh failed ({}); serving cached keys", e.getMessage());
            observer.keyEvent(KeyEvent.REFRESH_FAILED);
            state = current.retryAt(now.plusSeconds(RETRY_SECONDS));
            return state;
        }
    }

    private KeyState firstLoad(Instant now) {
        KeyState loaded = reload(now);
        if (!loaded.active().algorithm().equals(algorithm.getName())) {
            LOG.info("Active signing key uses {} but {} is configured; rotating", loaded.active().algorithm(),
                    algorithm.getName());
            rotate();
            return state;
        }
        return loaded;
    }

    private KeyState reload(Instant now) {
        repository.deleteRetiredBefore(now);
        List<SigningKey> all = repository.findAll();
        if (all.stream().noneMatch(k -> k.status() == KeyStatus.ACTIVE)) {
            SigningKey first = newKey(now);
            if (repository.insertIfNoActive(first)) {
                LOG.info("Generated the first signing key, kid {} ({})", first.kid(), first.algorithm());
                observer.keyEvent(KeyEvent.GENERATED);
            }
            all = repository.findAll();
        }
        KeyState next = KeyState.of(all, state, now, refreshInterval, cryptoProvider);
        state = next;
        return next;
    }

    private SigningKey newKey(Instant now) {
        String kid = ids.newKeyId();
        return SigningKey.active(kid, algorithm.getName(), KeyMaterial.generate(algorithm, kid), now);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
