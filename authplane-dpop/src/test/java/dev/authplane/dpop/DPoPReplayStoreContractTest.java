package dev.authplane.dpop;

import dev.authplane.testsupport.Concurrently;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link DPoPReplayStore} contract (RFC 9449 §11.1). An adapter's test extends this class and
 * implements {@link #createStore()}; an adapter whose store is shared between server nodes also
 * overrides {@link #anotherNode} so that replay detection is checked across two instances.
 *
 * <p>Expiry instants lie far in the future: a store may forget entries past their expiry on its
 * own clock at any time, so entries a test expects to be remembered must not have expired yet.
 */
public abstract class DPoPReplayStoreContractTest {

    private static final Instant T0 = Instant.parse("2999-01-01T00:00:00.123Z");

    protected DPoPReplayStore store;

    /** An empty store; called before every test. */
    protected abstract DPoPReplayStore createStore();

    /**
     * A second store instance on the same backing store as {@code store}, as another server node
     * would hold it. The default returns {@code store} itself (a store local to one node).
     */
    protected DPoPReplayStore anotherNode(DPoPReplayStore store) {
        return store;
    }

    private static Instant t0Plus(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @BeforeEach
    void setUpStore() {
        store = createStore();
    }

    @Test
    void keysUpToTheLimitAreAcceptedAndLongerOrEmptyOnesRefused() {
        String longest = "k".repeat(DPoPReplayStore.MAX_KEY_LENGTH);

        assertThat(store.markUsed(longest, t0Plus(60))).isTrue();
        assertThat(store.markUsed(longest, t0Plus(60))).isFalse();
        assertThatThrownBy(() -> store.markUsed(longest + "k", t0Plus(60))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.markUsed("", t0Plus(60))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void firstUseThenTrueAndReplayThenFalse() {
        assertThat(store.markUsed("jti-1", t0Plus(60))).isTrue();
        assertThat(store.markUsed("jti-1", t0Plus(60))).isFalse();
        assertThat(store.markUsed("jti-1", t0Plus(120))).as("a new expiry does not launder a replay").isFalse();
    }

    @Test
    void distinctKeysAreIndependent() {
        assertThat(store.markUsed("jti-a", t0Plus(60))).isTrue();
        assertThat(store.markUsed("jti-b", t0Plus(60))).isTrue();
        assertThat(store.markUsed("JTI-A", t0Plus(60))).as("keys are case-sensitive").isTrue();
    }

    @Test
    void keysOfUpTo256CharactersAreAccepted() {
        String longKey = "k".repeat(200) + "|" + "x".repeat(55);

        assertThat(longKey).hasSize(256);
        assertThat(store.markUsed(longKey, t0Plus(60))).isTrue();
        assertThat(store.markUsed(longKey, t0Plus(60))).isFalse();
        assertThat(store.markUsed(longKey.substring(0, 255), t0Plus(60))).isTrue();
    }

    @Test
    void replayOnAnotherNodeIsDetected() {
        DPoPReplayStore other = anotherNode(store);

        assertThat(store.markUsed("jti-cluster", t0Plus(60))).isTrue();
        assertThat(other.markUsed("jti-cluster", t0Plus(60))).isFalse();
    }

    @Test
    void purgeExpiredForgetsOnlyEntriesPastExpiryAndCountsThem() {
        store.markUsed("old-1", t0Plus(10));
        store.markUsed("old-2", t0Plus(29).plusMillis(999));
        store.markUsed("at-now", t0Plus(30));
        store.markUsed("live", t0Plus(90));

        assertThat(store.purgeExpired(t0Plus(30))).isEqualTo(2);

        assertThat(store.markUsed("at-now", t0Plus(30))).as("still remembered").isFalse();
        assertThat(store.markUsed("live", t0Plus(90))).as("still remembered").isFalse();
        assertThat(store.markUsed("old-1", t0Plus(200))).as("forgotten after purge").isTrue();
        assertThat(store.purgeExpired(t0Plus(30))).isZero();
    }

    @Test
    void purgeWhenEmptyThenZero() {
        assertThat(store.purgeExpired(T0)).isZero();
    }

    @Test
    void concurrentUsesOfOneKeyFromTwoNodesThenExactlyOneTrue() throws Exception {
        DPoPReplayStore other = anotherNode(store);
        for (int round = 0; round < 20; round++) {
            String key = "contested-" + round;
            List<Boolean> accepted = Concurrently.run(8, t ->
                    (t % 2 == 0 ? store : other).markUsed(key, t0Plus(60)));

            assertThat(accepted).as("round %d", round).containsOnlyOnce(true);
        }
    }

    @Test
    void parallelDistinctKeysAreAllAccepted() throws Exception {
        int threads = 8;
        int perThread = 200;
        List<Integer> accepted = Concurrently.run(threads, t -> {
            int ok = 0;
            for (int i = 0; i < perThread; i++) {
                if (store.markUsed("jti-" + t + "-" + i, t0Plus(60))) {
                    ok++;
                }
            }
            return ok;
        });

        assertThat(accepted).containsOnly(perThread);
        assertThat(store.purgeExpired(t0Plus(61))).isEqualTo(threads * perThread);
    }
}
