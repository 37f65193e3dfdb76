package dev.authplane.core.audit;

import dev.authplane.core.storage.DuplicateKeyException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.function.Predicate;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * {@link IssuanceRepository} held in memory, for a single node and for tests. Rows are kept in
 * listing order (newest first), so a listing walks only the requested time window. Thread-safe:
 * writers take an exclusive lock, so {@link #recordAll(List)} is all-or-nothing and parallel
 * writers lose nothing; readers share a lock. Memory grows with every token minted until
 * {@link #purgeIssuedBefore(Instant)} is called; contents are lost when the process ends.
 */
public final class InMemoryIssuanceRepository implements IssuanceRepository {

    private static final Comparator<Key> NEWEST_FIRST =
            Comparator.comparing(Key::issuedAt).thenComparing(Key::jti).reversed();

    private final NavigableMap<Key, Issuance> rows = new TreeMap<>(NEWEST_FIRST);
    private final Map<String, Key> keys = new HashMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    /** An empty repository. */
    public InMemoryIssuanceRepository() {
    }

    @Override
    public void record(Issuance issuance) {
        recordAll(List.of(Objects.requireNonNull(issuance, "issuance")));
    }

    @Override
    public void recordAll(List<Issuance> issuances) {
        List<Issuance> batch = List.copyOf(issuances);
        lock.writeLock().lock();
        try {
            Set<String> batchJtis = new HashSet<>();
            for (Issuance i : batch) {
                if (keys.containsKey(i.jti()) || !batchJtis.add(i.jti())) {
                    throw new DuplicateKeyException("an issuance with this jti already exists");
                }
            }
            for (Issuance i : batch) {
                Key key = new Key(i.issuedAt(), i.jti());
                rows.put(key, i);
                keys.put(i.jti(), key);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public List<Issuance> find(IssuanceQuery query) {
        Objects.requireNonNull(query, "query");
        lock.readLock().lock();
        try {
            List<Issuance> out = new ArrayList<>();
            Iterator<Issuance> it = window(query).values().iterator();
            while (it.hasNext() && out.size() < query.limit()) {
                Issuance i = it.next();
                if (i.issuedAt().isBefore(query.since())) {
                    break;
                }
                if (matches(query, i)) {
                    out.add(i);
                }
            }
            return List.copyOf(out);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public int purgeIssuedBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        lock.writeLock().lock();
        try {
            Map<Key, Issuance> old = rows.tailMap(new Key(cutoff, ""), false);
            int removed = old.size();
            old.values().forEach(i -> keys.remove(i.jti()));
            old.clear();
            return removed;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public Optional<Issuance> findByJti(String jti) {
        Objects.requireNonNull(jti, "jti");
        lock.readLock().lock();
        try {
            Key key = keys.get(jti);
            return key == null ? Optional.empty() : Optional.of(rows.get(key));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public boolean revoke(String jti, Revocation revocation) {
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(revocation, "revocation");
        lock.writeLock().lock();
        try {
            Key key = keys.get(jti);
            if (key == null || rows.get(key).revoked()) {
                return false;
            }
            rows.put(key, rows.get(key).withRevocation(revocation));
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public int revokeClientTokens(String clientId, Instant now, Revocation revocation) {
        Objects.requireNonNull(clientId, "clientId");
        return revokeWhere(i -> i.clientId().equals(clientId) && i.expiresAt().isAfter(now), revocation);
    }

    @Override
    public int revokeResourceTokens(String resourceUri, Instant now, Revocation revocation) {
        Objects.requireNonNull(resourceUri, "resourceUri");
        return revokeWhere(i -> i.resourceUri().equals(resourceUri) && i.expiresAt().isAfter(now), revocation);
    }

    @Override
    public List<Revocation.RevokedToken> revokedSince(Instant since, Instant now) {
        lock.readLock().lock();
        try {
            return rows.values().stream()
                    .filter(i -> i.revoked() && !i.revocation().at().isBefore(since) && i.expiresAt().isAfter(now))
                    .map(i -> new Revocation.RevokedToken(i.jti(), i.expiresAt(), i.revocation().at())).toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    private int revokeWhere(Predicate<Issuance> which, Revocation revocation) {
        Objects.requireNonNull(revocation, "revocation");
        lock.writeLock().lock();
        try {
            int revoked = 0;
            for (Map.Entry<Key, Issuance> e : rows.entrySet()) {
                if (!e.getValue().revoked() && which.test(e.getValue())) {
                    e.setValue(e.getValue().withRevocation(revocation));
                    revoked++;
                }
            }
            return revoked;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Rows issued before {@code until} (all rows without one), newest first. */
    private NavigableMap<Key, Issuance> window(IssuanceQuery query) {
        // "" sorts after every jti of the same instant in newest-first order.
        return query.until() == null ? rows : rows.tailMap(new Key(query.until(), ""), false);
    }

    private static boolean matches(IssuanceQuery query, Issuance i) {
        String client = query.client();
        String resource = query.resource();
        return (!query.revoked() || i.revoked())
                && (client == null || client.equals(i.clientId()))
                && (resource == null || resource.equals(i.resourceId()) || resource.equals(i.resourceUri()));
    }

    private record Key(Instant issuedAt, String jti) {
    }
}
