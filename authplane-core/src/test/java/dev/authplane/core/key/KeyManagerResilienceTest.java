package dev.authplane.core.key;

import dev.authplane.core.FailingStores;
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
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** KeyManager under concurrency and storage outages. */
class KeyManagerResilienceTest {

    private static final StorageUnavailableException UNREACHABLE = new StorageUnavailableException("connection refused", null);

    private final MutableClock clock = new MutableClock();
    private final FailingStores.SigningKeys store = new FailingStores.SigningKeys();

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

        store.failure.set(UNREACHABLE);
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

        store.failure.set(UNREACHABLE);
        clock.advance(grace);
        assertThat(keys.activeKey()).isSameAs(active);
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(keys::activeKey).isInstanceOf(StorageUnavailableException.class);
        assertThat(keys.publicJwksJson()).isEqualTo(jwks);

        store.failure.set(null);
        clock.advance(Duration.ofSeconds(KeyManager.RETRY_SECONDS));
        assertThat(keys.activeKey().kid()).isEqualTo(active.kid());
    }

    @Test
    void aNodeThatCannotSeeARotationStopsSigningBeforeTheRetiredKeyCouldLeaveTheJwksUnderALiveToken() {
        InMemorySigningKeyRepository shared = new InMemorySigningKeyRepository();
        FailingStores.SigningKeys viewOfA = new FailingStores.SigningKeys(shared);
        FailingStores.SigningKeys viewOfB = new FailingStores.SigningKeys(shared);
        AuthPlaneConfig config = TestAuthPlanes.config();
        KeyManager nodeA = new KeyManager(viewOfA, config, clock, new SecureRandomIdGenerator());
        KeyManager nodeB = new KeyManager(viewOfB, config, clock, new SecureRandomIdGenerator());
        String first = nodeB.activeKey().kid();

        viewOfB.failure.set(UNREACHABLE);
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
        store.failure.set(UNREACHABLE);

        assertThatThrownBy(keys::activeKey).isInstanceOf(StorageUnavailableException.class);
    }

    @Test
    void storeRecoveryIsPickedUpAfterTheRetryDelay() {
        KeyManager keys = new KeyManager(store, TestAuthPlanes.config(), clock, new SecureRandomIdGenerator());
        String first = keys.activeKey().kid();
        store.failure.set(UNREACHABLE);
        clock.advance(KeyManager.DEFAULT_REFRESH_INTERVAL.plusSeconds(1));
        keys.activeKey();

        store.failure.set(null);
        KeyManager other = new KeyManager(store, TestAuthPlanes.config(), clock, new SecureRandomIdGenerator());
        other.activeKey();
        String rotated = other.rotate().kid();
        clock.advance(Duration.ofSeconds(KeyManager.RETRY_SECONDS));

        assertThat(keys.activeKey().kid()).isEqualTo(rotated).isNotEqualTo(first);
    }

}
