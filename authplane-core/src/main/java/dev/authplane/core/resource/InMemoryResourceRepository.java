package dev.authplane.core.resource;

import dev.authplane.core.storage.DuplicateKeyException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ResourceRepository} held in memory, for a single node and for tests. Thread-safe: every
 * method runs under this object's monitor, so the three uniqueness rules (id, slug, URI) are
 * checked and applied atomically. URIs are compared byte for byte. Contents are lost when the
 * process ends.
 */
public final class InMemoryResourceRepository implements ResourceRepository {

    private final Map<String, Resource> byId = new HashMap<>();
    private final Map<String, String> idBySlug = new HashMap<>();
    private final Map<String, String> idByUri = new HashMap<>();

    /** An empty repository. */
    public InMemoryResourceRepository() {
    }

    @Override
    public synchronized void insert(Resource resource) {
        Objects.requireNonNull(resource, "resource");
        if (byId.containsKey(resource.id())) {
            throw new DuplicateKeyException("a resource with this id already exists");
        }
        requireFree(resource);
        put(resource);
    }

    @Override
    public synchronized boolean update(Resource resource) {
        Objects.requireNonNull(resource, "resource");
        Resource existing = byId.get(resource.id());
        if (existing == null) {
            return false;
        }
        requireFree(resource);
        idBySlug.remove(existing.slug());
        idByUri.remove(existing.uri());
        put(resource);
        return true;
    }

    @Override
    public synchronized Optional<Resource> findById(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    @Override
    public synchronized Optional<Resource> findBySlug(String slug) {
        return lookup(idBySlug, slug);
    }

    @Override
    public synchronized Optional<Resource> findByUri(String uri) {
        return lookup(idByUri, uri);
    }

    @Override
    public synchronized List<Resource> findAll() {
        List<Resource> all = new ArrayList<>(byId.values());
        all.sort(Comparator.comparing(Resource::slug));
        return List.copyOf(all);
    }

    @Override
    public synchronized boolean delete(String id) {
        Resource removed = id == null ? null : byId.remove(id);
        if (removed == null) {
            return false;
        }
        idBySlug.remove(removed.slug());
        idByUri.remove(removed.uri());
        return true;
    }

    private void requireFree(Resource resource) {
        String slugHolder = idBySlug.get(resource.slug());
        if (slugHolder != null && !slugHolder.equals(resource.id())) {
            throw new DuplicateKeyException("a resource with slug '" + resource.slug() + "' already exists");
        }
        String uriHolder = idByUri.get(resource.uri());
        if (uriHolder != null && !uriHolder.equals(resource.id())) {
            throw new DuplicateKeyException("a resource with URI '" + resource.uri() + "' already exists");
        }
    }

    private void put(Resource resource) {
        byId.put(resource.id(), resource);
        idBySlug.put(resource.slug(), resource.id());
        idByUri.put(resource.uri(), resource.id());
    }

    private Optional<Resource> lookup(Map<String, String> index, String key) {
        String id = key == null ? null : index.get(key);
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }
}
