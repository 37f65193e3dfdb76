package dev.authplane.core.dpop;

import java.time.Instant;

/**
 * Port: remembers DPoP proof {@code jti}s for the replay window (RFC 9449 §11.1).
 *
 * <p>Contract: {@link #markUsed(String, Instant)} is an atomic check-and-insert; when two callers
 * (threads or server nodes sharing the store) present the same key, exactly one gets {@code true}.
 * An entry past its {@code expiresAt} may be forgotten. Thread-safe.
 */
public interface DPoPReplayStore {

    /**
     * Records {@code key} (a proof {@code jti}, possibly scoped by the caller, at most 256 chars).
     *
     * @return {@code true} when the key was not seen before (the proof may be accepted),
     *         {@code false} when it is a replay
     */
    boolean markUsed(String key, Instant expiresAt);

    /** Forgets entries whose expiry is before {@code now}. @return how many were removed */
    int purgeExpired(Instant now);
}
