package dev.authplane.core.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How long a client's secrets are good for: when the current secret expires (never, by default)
 * and, during a rotation with overlap, the bcrypt hash of the secret it replaced and the end of
 * that secret's grace period. Immutable; never holds a secret.
 *
 * @param expiresAt          when the current secret stops working, or {@code null} for never
 * @param previousHash       the bcrypt hash of the replaced secret, or {@code null} when there is none
 * @param previousValidUntil when the replaced secret stops working; set exactly when {@code previousHash} is
 */
public record SecretValidity(Instant expiresAt, String previousHash, Instant previousValidUntil) {

    /** Today's behaviour: the current secret never expires and no older one works. */
    public static final SecretValidity NONE = new SecretValidity(null, null, null);

    public SecretValidity {
        if ((previousHash == null) != (previousValidUntil == null)) {
            throw new IllegalArgumentException("a previous secret hash comes with the end of its grace period");
        }
        if (previousHash != null && previousHash.isBlank()) {
            throw new IllegalArgumentException("previous secret hash must not be blank");
        }
    }

    /**
     * The validity after a rotation at {@code now}: the new secret expires after {@code expiresIn}
     * ({@code null}: never); the replaced one, hashed as {@code replacedHash}, keeps working for
     * {@code keepOldFor} (zero: not at all), but never beyond its own expiry. An older secret
     * still in its grace period is dropped: only one secret overlaps the current one.
     */
    public SecretValidity rotated(String replacedHash, Instant now, Duration keepOldFor, Duration expiresIn) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(keepOldFor, "keepOldFor");
        if (keepOldFor.isNegative()) {
            throw new IllegalArgumentException("the grace period of the old secret must not be negative");
        }
        Instant newExpiry = expiresIn == null ? null : now.plus(expiresIn);
        Instant graceEnd = now.plus(keepOldFor);
        if (expiresAt != null && expiresAt.isBefore(graceEnd)) {
            graceEnd = expiresAt;
        }
        boolean keep = !keepOldFor.isZero() && graceEnd.isAfter(now);
        return new SecretValidity(newExpiry, keep ? Objects.requireNonNull(replacedHash, "replacedHash") : null,
                keep ? graceEnd : null);
    }

    /** Whether the current secret has expired at {@code now}. */
    public boolean currentExpired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** The replaced secret's hash while its grace period lasts at {@code now}; empty otherwise. */
    public Optional<String> previousHashAt(Instant now) {
        return previousHash != null && now.isBefore(previousValidUntil) ? Optional.of(previousHash) : Optional.empty();
    }

    /** Whether the current secret expires within {@code window} after {@code now} (or has expired). */
    public boolean expiresWithin(Duration window, Instant now) {
        return expiresAt != null && expiresAt.isBefore(now.plus(window).plusNanos(1));
    }

    @Override
    public String toString() {
        return "SecretValidity[expiresAt=" + expiresAt + ", previousValidUntil=" + previousValidUntil + "]";
    }
}
