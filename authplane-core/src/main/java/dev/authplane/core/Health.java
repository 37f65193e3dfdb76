package dev.authplane.core;

import java.util.Objects;

/**
 * Result of {@link AuthPlane#health()}: whether this node can issue tokens now.
 *
 * @param storageUp    whether storage answered the probe's reads
 * @param signingKeyUp whether an active signing key is loaded and was re-read from storage recently
 *                     enough to sign with (see {@link dev.authplane.core.key.KeyManager#activeKey()})
 * @param detail       a short operator-facing explanation, never a secret or SQL
 */
public record Health(boolean storageUp, boolean signingKeyUp, String detail) {

    public Health {
        Objects.requireNonNull(detail, "detail");
    }

    /** Whether every check passed. */
    public boolean up() {
        return storageUp && signingKeyUp;
    }
}
