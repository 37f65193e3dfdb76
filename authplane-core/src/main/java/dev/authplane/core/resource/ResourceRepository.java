package dev.authplane.core.resource;

import java.util.List;
import java.util.Optional;

/**
 * Port: where registered resources (protected MCP servers) live.
 *
 * <p>Contract: absence is {@link Optional#empty()} / {@code false}, never {@code null}; {@code id},
 * {@code slug} and {@code uri} are each unique, enforced by the store (a violation throws
 * {@link dev.authplane.core.storage.DuplicateKeyException}); {@link #findByUri(String)} compares
 * byte for byte (no case folding, no trailing-slash tolerance); every field round-trips;
 * implementations are thread-safe and each method is atomic; infrastructure failures throw
 * {@link dev.authplane.core.storage.StorageException}.
 */
public interface ResourceRepository {

    /** @throws dev.authplane.core.storage.DuplicateKeyException on a taken id, slug or uri */
    void insert(Resource resource);

    /**
     * Replaces the stored resource with the same id.
     *
     * @return {@code false} when no such resource exists
     */
    boolean update(Resource resource);

    /** The resource with this id; empty when none. */
    Optional<Resource> findById(String id);

    /** The resource with this unique slug; empty when none. */
    Optional<Resource> findBySlug(String slug);

    /** Exact, byte-for-byte match on the resource URI. */
    Optional<Resource> findByUri(String uri);

    /** All resources ordered by slug. */
    List<Resource> findAll();

    /** @return {@code false} when no such resource existed */
    boolean delete(String id);
}
