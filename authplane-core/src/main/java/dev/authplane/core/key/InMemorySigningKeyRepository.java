package dev.authplane.core.key;

import dev.authplane.core.storage.DuplicateKeyException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link SigningKeyRepository} held in memory, for a single node and for tests. Thread-safe: every
 * method runs under this object's monitor, so {@link #rotate} is a true compare-and-set and at most
 * one key is ever active. Keys (including private material) live only in this process's heap and
 * are lost when it ends; a restarted node generates a fresh key.
 */
public final class InMemorySigningKeyRepository implements SigningKeyRepository {

    /** Active first, then newest first (creation time, then kid, both descending). */
    static final Comparator<SigningKey> LISTING_ORDER = Comparator
            .comparing((SigningKey k) -> k.status() == KeyStatus.ACTIVE ? 0 : 1)
            .thenComparing(SigningKey::createdAt, Comparator.reverseOrder())
            .thenComparing(SigningKey::kid, Comparator.reverseOrder());

    private final Map<String, SigningKey> byKid = new HashMap<>();
    private String activeKid;

    /** An empty repository. */
    public InMemorySigningKeyRepository() {
    }

    @Override
    public synchronized boolean insertIfNoActive(SigningKey activeKey) {
        requireActive(activeKey);
        if (activeKid != null) {
            return false;
        }
        requireNewKid(activeKey);
        byKid.put(activeKey.kid(), activeKey);
        activeKid = activeKey.kid();
        return true;
    }

    @Override
    public synchronized boolean rotate(String expectedActiveKid, SigningKey newActive, Instant retiredAt,
                                       Instant publishUntil) {
        Objects.requireNonNull(expectedActiveKid, "expectedActiveKid");
        requireActive(newActive);
        Objects.requireNonNull(retiredAt, "retiredAt");
        Objects.requireNonNull(publishUntil, "publishUntil");
        if (!expectedActiveKid.equals(activeKid)) {
            return false;
        }
        requireNewKid(newActive);
        byKid.put(activeKid, byKid.get(activeKid).retire(retiredAt, publishUntil));
        byKid.put(newActive.kid(), newActive);
        activeKid = newActive.kid();
        return true;
    }

    @Override
    public synchronized Optional<SigningKey> findActive() {
        return Optional.ofNullable(activeKid == null ? null : byKid.get(activeKid));
    }

    @Override
    public synchronized List<SigningKey> findAll() {
        List<SigningKey> all = new ArrayList<>(byKid.values());
        all.sort(LISTING_ORDER);
        return List.copyOf(all);
    }

    @Override
    public synchronized int deleteRetiredBefore(Instant now) {
        Objects.requireNonNull(now, "now");
        int before = byKid.size();
        byKid.values().removeIf(k -> k.status() == KeyStatus.RETIRED && k.publishUntil().isBefore(now));
        return before - byKid.size();
    }

    @Override
    public synchronized boolean deleteRetired(String kid) {
        SigningKey key = kid == null ? null : byKid.get(kid);
        if (key == null || key.status() != KeyStatus.RETIRED) {
            return false;
        }
        byKid.remove(kid);
        return true;
    }

    private static void requireActive(SigningKey key) {
        Objects.requireNonNull(key, "key");
        if (key.status() != KeyStatus.ACTIVE) {
            throw new IllegalArgumentException("the new key must have status ACTIVE");
        }
    }

    private void requireNewKid(SigningKey key) {
        if (byKid.containsKey(key.kid())) {
            throw new DuplicateKeyException("a signing key with kid '" + key.kid() + "' already exists");
        }
    }
}
