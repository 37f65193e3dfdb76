package dev.authplane.dpop;

import java.time.Instant;

/**
 * Port: remembers DPoP proof identifiers for the replay window (RFC 9449 §11.1).
 *
 * <p>Contract, for every implementation: {@link #markUsed(String, Instant)} is an atomic
 * check-and-insert; when two callers (threads or server nodes sharing the store) present the same
 * key, exactly one gets {@code true}. Keys are at most {@value #MAX_KEY_LENGTH} characters; a longer
 * one is refused with {@link IllegalArgumentException} (the verifier's keys are 92). An entry past
 * its {@code expiresAt} may be forgotten. A store that cannot answer (full, unreachable) throws an
 * unchecked exception and never reports a key as new. Thread-safe.
 */
public interface DPoPReplayStore {

    /** The longest key a store must accept. */
    int MAX_KEY_LENGTH = 256;

    /**
     * Records {@code key} until {@code expiresAt}.
     *
     * @return {@code true} when the key was not seen before (the proof may be accepted),
     *         {@code false} when it is a replay
     * @throws IllegalArgumentException when the key is longer than {@value #MAX_KEY_LENGTH}
     */
    boolean markUsed(String key, Instant expiresAt);

    /** Forgets entries whose expiry is before {@code now}. @return how many were removed */
    int purgeExpired(Instant now);

    /** Checks a key against the contract's limit; adapters call it first. */
    static String requireValidKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("a DPoP replay key has 1 to " + MAX_KEY_LENGTH + " characters");
        }
        return key;
    }
}
