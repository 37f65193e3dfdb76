package dev.authplane.dpop;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link DPoPReplayStore} held in memory: replay detection for a single node (a cluster needs a
 * shared store such as the JDBC adapter). {@link #markUsed} is an atomic put-if-absent, so of two
 * concurrent callers with the same key exactly one wins.
 *
 * <p>Memory stays bounded: every {@value #PURGE_INTERVAL} insertions, and whenever the store is
 * full, entries whose expiry has passed on the injected clock are dropped. If the store is still
 * full after that ({@link #DEFAULT_MAX_ENTRIES} live entries by default), {@code markUsed} fails
 * closed with an {@link IllegalStateException} rather than forgetting live entries; the verifier
 * reports that as {@link DPoPCheckUnavailableException}.
 */
public final class InMemoryDPoPReplayStore implements DPoPReplayStore {

    /** Live entries kept at most by the no-arg constructor. */
    public static final int DEFAULT_MAX_ENTRIES = 1_000_000;

    static final int PURGE_INTERVAL = 1024;

    private final Map<String, Instant> entries = new ConcurrentHashMap<>();
    private final AtomicInteger insertsSincePurge = new AtomicInteger();
    private final Clock clock;
    private final int maxEntries;

    /** A store on the system UTC clock holding at most {@link #DEFAULT_MAX_ENTRIES} live entries. */
    public InMemoryDPoPReplayStore() {
        this(Clock.systemUTC(), DEFAULT_MAX_ENTRIES);
    }

    /**
     * @param clock      the time source used to drop expired entries on its own
     * @param maxEntries the most live entries kept; at least 1
     */
    public InMemoryDPoPReplayStore(Clock clock, int maxEntries) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.maxEntries = maxEntries;
    }

    @Override
    public boolean markUsed(String key, Instant expiresAt) {
        DPoPReplayStore.requireValidKey(key);
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (insertsSincePurge.incrementAndGet() >= PURGE_INTERVAL || entries.size() >= maxEntries) {
            insertsSincePurge.set(0);
            purgeExpired(clock.instant());
            if (entries.size() >= maxEntries && !entries.containsKey(key)) {
                throw new IllegalStateException("the DPoP replay store is full");
            }
        }
        return entries.putIfAbsent(key, expiresAt) == null;
    }

    @Override
    public int purgeExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        int[] removed = {0};
        entries.entrySet().removeIf(e -> {
            boolean expired = e.getValue().isBefore(now);
            if (expired) {
                removed[0]++;
            }
            return expired;
        });
        return removed[0];
    }

    /** How many entries are held now (expired ones included until purged). */
    int size() {
        return entries.size();
    }
}
