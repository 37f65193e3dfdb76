package dev.authplane.core.audit;

import dev.authplane.core.storage.DuplicateKeyException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
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
    private final Set<String> jtis = new HashSet<>();
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
                if (jtis.contains(i.jti()) || !batchJtis.add(i.jti())) {
                    throw new DuplicateKeyException("an issuance with this jti already exists");
                }
            }
            for (Issuance i : batch) {
                rows.put(new Key(i.issuedAt(), i.jti()), i);
                jtis.add(i.jti());
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
            old.values().forEach(i -> jtis.remove(i.jti()));
            old.clear();
            return removed;
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
        return (client == null || client.equals(i.clientId()))
                && (resource == null || resource.equals(i.resourceId()) || resource.equals(i.resourceUri()));
    }

    private record Key(Instant issuedAt, String jti) {
    }
}
