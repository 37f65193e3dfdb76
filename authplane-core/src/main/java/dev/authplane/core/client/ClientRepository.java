package dev.authplane.core.client;

import java.util.List;
import java.util.Optional;

/**
 * Port: where registered clients live.
 *
 * <p>Contract, for every implementation:
 * <ul>
 *   <li>Absence is {@link Optional#empty()} or {@code false}, never {@code null} and never an
 *       exception.</li>
 *   <li>{@code client_id} and {@code name} are each unique; the store enforces both, so the rule
 *       holds across server nodes. A violation throws
 *       {@link dev.authplane.core.storage.DuplicateKeyException}.</li>
 *   <li>Callers hash secrets before {@code insert}/{@code update}: the repository stores the
 *       {@link Client#secretHash()} it is given and never sees a plaintext secret.</li>
 *   <li>Every field round-trips unchanged (timestamps to at least millisecond precision; callers
 *       truncate instants to milliseconds).</li>
 *   <li>Implementations are thread-safe; each method is atomic.</li>
 *   <li>Infrastructure failures throw {@link dev.authplane.core.storage.StorageException}.</li>
 * </ul>
 */
public interface ClientRepository {

    /** Stores a new client. @throws dev.authplane.core.storage.DuplicateKeyException on a taken id or name */
    void insert(Client client);

    /**
     * Replaces the stored client with the same {@code client_id}.
     *
     * @return {@code false} when no such client exists (nothing is written)
     * @throws dev.authplane.core.storage.DuplicateKeyException when the new name is taken by another client
     */
    boolean update(Client client);

    /** The client whose {@code client_id} equals {@code clientId} exactly; empty when none. */
    Optional<Client> findByClientId(String clientId);

    /** The client whose unique {@code name} equals {@code name} exactly; empty when none. */
    Optional<Client> findByName(String name);

    /** All clients ordered by name. */
    List<Client> findAll();

    /** @return {@code false} when no such client existed */
    boolean delete(String clientId);
}
