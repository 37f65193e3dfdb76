package dev.authplane.core.observe;

import java.util.Locale;

/** A change to the signing keys this node made. */
public enum KeyEvent {
    /** The first signing key was generated. */
    GENERATED,
    /** A new key became active and the previous one was retired (by an administrator or by age). */
    ROTATED,
    /** A key was removed from the JWKS and the store at once. */
    REVOKED,
    /** Reading the keys from the store failed; the cached keys were served. */
    REFRESH_FAILED;

    /** The lower-case tag value, e.g. {@code rotated}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
