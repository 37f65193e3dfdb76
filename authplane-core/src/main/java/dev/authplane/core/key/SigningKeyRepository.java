package dev.authplane.core.key;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: where signing keys live.
 *
 * <p>Contract: at most one key is {@link KeyStatus#ACTIVE} at any time, enforced by the store so
 * that two nodes rotating at once cannot both win. {@code kid} is unique. Absence is
 * {@link Optional#empty()}. Every field round-trips (instants at millisecond precision); an adapter
 * that encrypts {@link SigningKey#privateJwkJson()} at rest returns it decrypted. Implementations
 * are thread-safe; each method is atomic.
 */
public interface SigningKeyRepository {

    /**
     * Stores the first active key when there is none.
     *
     * @return {@code false} when an active key already exists (nothing is written); the caller
     *         then reads the winner with {@link #findActive()}
     */
    boolean insertIfNoActive(SigningKey activeKey);

    /**
     * Atomically retires the active key whose kid is {@code expectedActiveKid} and stores
     * {@code newActive} as the active key (compare-and-set).
     *
     * @return {@code false} when {@code expectedActiveKid} is no longer the active key (another
     *         node rotated first); nothing is written then
     */
    boolean rotate(String expectedActiveKid, SigningKey newActive, Instant retiredAt, Instant publishUntil);

    /** The one active key; empty only before the first key was stored. */
    Optional<SigningKey> findActive();

    /** All stored keys, active first, then retired newest first. */
    List<SigningKey> findAll();

    /** Deletes retired keys whose {@code publishUntil} is before {@code now}. @return how many */
    int deleteRetiredBefore(Instant now);

    /**
     * Deletes the retired key {@code kid} now, whatever its publication end (a revoked key).
     *
     * @return {@code false} when no retired key has that kid (unknown, or the active key: nothing is deleted)
     */
    boolean deleteRetired(String kid);
}
