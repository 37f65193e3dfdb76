package dev.authplane.mcp.verifier;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Remembers DPoP proof identifiers (key thumbprint + {@code jti}) until the proof could no longer
 * pass the {@code iat} window anyway. Bounded: when full of live entries it refuses new ones, and
 * the verifier then fails closed. One node only; a cluster of MCP servers behind a load balancer
 * without affinity would need a shared store. Thread-safe.
 */
final class DPoPReplayCache {

    private final ConcurrentHashMap<String, Long> seen = new ConcurrentHashMap<>();
    private final ReentrantLock purgeLock = new ReentrantLock();
    private final int capacity;

    DPoPReplayCache(int capacity) {
        this.capacity = capacity;
    }

    /** Outcome of {@link #firstUse}. */
    enum Result { FIRST_USE, REPLAY, FULL }

    /**
     * Records {@code id} until {@code expiresAtMillis}.
     *
     * @return {@code FIRST_USE} if it was not live, {@code REPLAY} if it was, {@code FULL} when
     *         there is no room even after dropping expired entries
     */
    Result firstUse(String id, long expiresAtMillis, long nowMillis) {
        if (seen.size() >= capacity && !purge(nowMillis)) {
            return Result.FULL;
        }
        Long previous = seen.putIfAbsent(id, expiresAtMillis);
        if (previous == null) {
            return Result.FIRST_USE;
        }
        if (previous <= nowMillis && seen.replace(id, previous, expiresAtMillis)) {
            return Result.FIRST_USE;
        }
        return Result.REPLAY;
    }

    private boolean purge(long nowMillis) {
        purgeLock.lock();
        try {
            seen.values().removeIf(expiry -> expiry <= nowMillis);
            return seen.size() < capacity;
        } finally {
            purgeLock.unlock();
        }
    }
}
