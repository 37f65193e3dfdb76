package dev.authplane.core.key;

import dev.authplane.core.TestAuthPlanes;
import dev.authplane.core.config.AuthPlaneConfig;
import dev.authplane.core.storage.StorageUnavailableException;
import dev.authplane.core.support.SecureRandomIdGenerator;
import dev.authplane.testsupport.Concurrently;
import dev.authplane.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** KeyManager under concurrency and storage outages. */
class KeyManagerResilienceTest {

    private final MutableClock clock = new MutableClock();
    private final SwitchableKeyStore store = new SwitchableKeyStore();

    @Test
    void concurrentFirstUseOnSeveralNodesCreatesExactlyOneActiveKey() throws Exception {
        List<String> kids = Concurrently.run(8, thread -> new KeyManager(store, TestAuthPlanes.config(), clock,
                new SecureRandomIdGenerator()).activeKey().kid());

        assertThat(Set.copyOf(kids)).hasSize(1);
        assertThat(store.findAll()).hasSize(1);
    }

    @Test
    void whenARefreshFailsTheCachedKeysKeepBeingServed() {
        KeyManager keys = new KeyManager(store, TestAuthPlanes.config(), clock, new SecureRandomIdGenerator());
        ActiveKey active = keys.activeKey();
        String jwks = keys.publicJwksJson();

        store.down = true;
        clock.advance(KeyManager.DEFAULT_REFRESH_INTERVAL.plusSeconds(1));

        assertThat(keys.activeKey()).isSameAs(active);
        assertThat(keys.publicJwksJson()).isEqualTo(jwks);
    }

    @Test
    void whenTheStoreStaysUnreadableLongerThanRefreshIntervalPlusClockSkewThenNothingIsSignedButTheJwksIsServed() {
        KeyManager keys = new KeyManager(store, TestAuthPlanes.config(), clock, new SecureRandomIdGenerator());
        ActiveKey active = keys.activeKey();
        String jwks = keys.publicJwksJson();
        Duration grace = KeyManager.DEFAULT_REFRESH_INTERVAL.plus(TestAuthPlanes.config().security().clockSkew());

        store.down = true;
        clock.advance(grace);
        assertThat(keys.activeKey()).isSameAs(active);
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(keys::activeKey).isInstanceOf(StorageUnavailableException.class);
        assertThat(keys.publicJwksJson()).isEqualTo(jwks);

        store.down = false;
        clock.advance(Duration.ofSeconds(KeyManager.RETRY_SECONDS));
        assertThat(keys.activeKey().kid()).isEqualTo(active.kid());
    }

    @Test
    void aNodeThatCannotSeeARotationStopsSigningBeforeTheRetiredKeyCouldLeaveTheJwksUnderALiveToken() {
        InMemorySigningKeyRepository shared = new InMemorySigningKeyRepository();
        SwitchableKeyStore viewOfA = new SwitchableKeyStore(shared);
        SwitchableKeyStore viewOfB = new SwitchableKeyStore(shared);
        AuthPlaneConfig config = TestAuthPlanes.config();
        KeyManager nodeA = new KeyManager(viewOfA, config, clock, new SecureRandomIdGenerator());
        KeyManager nodeB = new KeyManager(viewOfB, config, clock, new SecureRandomIdGenerator());
        String first = nodeB.activeKey().kid();

        viewOfB.down = true;
        clock.advance(Duration.ofSeconds(10));
        nodeA.rotate();
        Instant publishUntil = shared.findAll().stream().filter(k -> k.kid().equals(first)).findFirst().orElseThrow()
                .publishUntil();

        boolean stopped = false;
        for (int second = 0; second < 600 && !stopped; second++) {
            clock.advance(Duration.ofSeconds(1));
            try {
                assertThat(nodeB.activeKey().kid()).isEqualTo(first);
                assertThat(clock.instant().plus(config.clientCredentials().tokenExpiry()))
                        .as("expiry of a token node B signs now").isBeforeOrEqualTo(publishUntil);
            } catch (StorageUnavailableException e) {
                stopped = true;
            }
        }
        assertThat(stopped).isTrue();
    }

    @Test
    void withoutAnyCachedKeyAStorageOutageIsReported() {
        KeyManager keys = new KeyManager(store, TestAuthPlanes.config(), clock, new SecureRandomIdGenerator());
        store.down = true;

        assertThatThrownBy(keys::activeKey).isInstanceOf(StorageUnavailableException.class);
    }

    @Test
    void storeRecoveryIsPickedUpAfterTheRetryDelay() {
        KeyManager keys = new KeyManager(store, TestAuthPlanes.config(), clock, new SecureRandomIdGenerator());
        String first = keys.activeKey().kid();
        store.down = true;
        clock.advance(KeyManager.DEFAULT_REFRESH_INTERVAL.plusSeconds(1));
        keys.activeKey();

        store.down = false;
        KeyManager other = new KeyManager(store, TestAuthPlanes.config(), clock, new SecureRandomIdGenerator());
        other.activeKey();
        String rotated = other.rotate().kid();
        clock.advance(Duration.ofSeconds(KeyManager.RETRY_SECONDS));

        assertThat(keys.activeKey().kid()).isEqualTo(rotated).isNotEqualTo(first);
    }

    /** The in-memory key store, made unreachable on demand. */
    private static final class SwitchableKeyStore implements SigningKeyRepository {
        private final InMemorySigningKeyRepository delegate;
        volatile boolean down;

        SwitchableKeyStore() {
            this(new InMemorySigningKeyRepository());
        }

        SwitchableKeyStore(InMemorySigningKeyRepository delegate) {
            this.delegate = delegate;
        }

        private void check() {
            if (down) {
                throw new StorageUnavailableException("connection refused", null);
            }
        }

        @Override
        public boolean insertIfNoActive(SigningKey activeKey) {
            check();
            return delegate.insertIfNoActive(activeKey);
        }

        @Override
        public boolean rotate(String expectedActiveKid, SigningKey newActive, Instant retiredAt, Instant publishUntil) {
            check();
            return delegate.rotate(expectedActiveKid, newActive, retiredAt, publishUntil);
        }

        @Override
        public Optional<SigningKey> findActive() {
            check();
            return delegate.findActive();
        }

        @Override
        public List<SigningKey> findAll() {
            check();
            return delegate.findAll();
        }

        @Override
        public int deleteRetiredBefore(Instant now) {
            check();
            return delegate.deleteRetiredBefore(now);
        }
    }
}
