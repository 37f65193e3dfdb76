package dev.authplane.core.observe;

import java.util.Locale;

/**
 * Why a client authentication failed, as a low-cardinality category for metrics and alerts. The
 * caller still sees one {@code invalid_client} description whatever the reason; only the operator's
 * observers and logs tell them apart.
 */
public enum AuthFailureReason {
    /** No credentials were presented. */
    MISSING_CREDENTIALS,
    /** The client id is not registered. */
    UNKNOWN_CLIENT,
    /** The presented secret matches neither the current nor a replaced secret in its grace period. */
    WRONG_SECRET,
    /** The client's secret passed its expiry. */
    SECRET_EXPIRED,
    /** The client is registered for another authentication method. */
    METHOD_MISMATCH,
    /** The client is disabled. */
    CLIENT_DISABLED,
    /** The client assertion ({@code private_key_jwt}) was malformed, badly signed, stale or replayed. */
    INVALID_ASSERTION,
    /** Too many recent failures from the client id or the address: answered {@code slow_down}. */
    THROTTLED,
    /** No bcrypt slot freed up in time: answered {@code temporarily_unavailable}. */
    BUSY;

    /** The lower-case tag value, e.g. {@code wrong_secret}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
