package dev.authplane.dpop;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;

import static dev.authplane.testsupport.TestTimes.t0Plus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Memory bounds of the in-memory replay store, beyond the port contract. */
class InMemoryDPoPReplayStoreBoundsTest {

    @Test
    void whenFullThenExpiredEntriesAreDroppedOnTheInjectedClock() {
        InMemoryDPoPReplayStore store = new InMemoryDPoPReplayStore(Clock.fixed(t0Plus(100), ZoneOffset.UTC), 3);
        store.markUsed("expired-1", t0Plus(50));
        store.markUsed("expired-2", t0Plus(99));
        store.markUsed("live", t0Plus(150));

        assertThat(store.markUsed("new", t0Plus(160))).isTrue();

        assertThat(store.size()).isEqualTo(2);
        assertThat(store.markUsed("live", t0Plus(150))).isFalse();
    }

    @Test
    void whenFullOfLiveEntriesThenFailsClosedInsteadOfForgetting() {
        InMemoryDPoPReplayStore store = new InMemoryDPoPReplayStore(Clock.fixed(t0Plus(0), ZoneOffset.UTC), 2);
        store.markUsed("a", t0Plus(60));
        store.markUsed("b", t0Plus(60));

        assertThatThrownBy(() -> store.markUsed("c", t0Plus(60))).isInstanceOf(IllegalStateException.class);
        assertThat(store.markUsed("a", t0Plus(60))).as("a replay is still detected when full").isFalse();
    }

    @Test
    void expiredEntriesAreDroppedPeriodicallyWithoutAnExplicitPurge() {
        Clock clock = Clock.fixed(t0Plus(1000), ZoneOffset.UTC);
        InMemoryDPoPReplayStore store = new InMemoryDPoPReplayStore(clock, 1_000_000);
        for (int i = 0; i < InMemoryDPoPReplayStore.PURGE_INTERVAL * 3; i++) {
            store.markUsed("old-" + i, t0Plus(10));
        }

        assertThat(store.size()).isLessThan(InMemoryDPoPReplayStore.PURGE_INTERVAL);
    }
}
