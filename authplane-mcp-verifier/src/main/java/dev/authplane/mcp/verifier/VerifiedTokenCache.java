package dev.authplane.mcp.verifier;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Remembers tokens that passed full verification, so a machine token reused for its whole
 * lifetime costs one SHA-256 and a map lookup instead of a signature check. Keys are SHA-256
 * digests of the token (no token is kept in memory); an entry expires at
 * {@code min(exp, cachedAt + ttl)}. The size is capped: when full, expired entries go first, then
 * arbitrary ones until 10% of the room is free. Thread-safe, lock-free on reads.
 */
final class VerifiedTokenCache {

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(VerifiedTokenCache::sha256);

    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private final ReentrantLock evictionLock = new ReentrantLock();
    private final long ttlMillis;
    private final int maxSize;

    VerifiedTokenCache(long ttlMillis, int maxSize) {
        this.ttlMillis = ttlMillis;
        this.maxSize = maxSize;
    }

    /** The cache key of {@code token}, or {@code null} when the cache is disabled. */
    Key keyOf(String token) {
        if (maxSize == 0) {
            return null;
        }
        MessageDigest digest = SHA256.get();
        return new Key(digest.digest(token.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The cached token, or {@code null} when absent or expired at {@code nowMillis}. */
    VerifiedToken get(Key key, long nowMillis) {
        if (key == null) {
            return null;
        }
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (nowMillis >= entry.expiresAtMillis) {
            entries.remove(key, entry);
            return null;
        }
        return entry.token;
    }

    void put(Key key, VerifiedToken token, long nowMillis) {
        long expiresAt = Math.min(token.expiresAt().toEpochMilli(), nowMillis + ttlMillis);
        if (key == null || expiresAt <= nowMillis) {
            return;
        }
        if (entries.size() >= maxSize) {
            evict(nowMillis);
        }
        entries.put(key, new Entry(token, expiresAt));
    }

    int size() {
        return entries.size();
    }

    private void evict(long nowMillis) {
        if (!evictionLock.tryLock()) {
            return;
        }
        try {
            entries.values().removeIf(e -> nowMillis >= e.expiresAtMillis);
            int target = maxSize - Math.max(1, maxSize / 10);
            Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator();
            while (entries.size() > target && it.hasNext()) {
                it.next();
                it.remove();
            }
        } finally {
            evictionLock.unlock();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** A token digest. */
    static final class Key {
        private final byte[] digest;
        private final int hash;

        Key(byte[] digest) {
            this.digest = digest;
            this.hash = (digest[0] & 0xff) << 24 | (digest[1] & 0xff) << 16 | (digest[2] & 0xff) << 8 | (digest[3] & 0xff);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && MessageDigest.isEqual(digest, other.digest);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private record Entry(VerifiedToken token, long expiresAtMillis) {
    }
}
