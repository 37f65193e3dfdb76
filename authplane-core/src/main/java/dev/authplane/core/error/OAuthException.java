package dev.authplane.core.error;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The one exception that carries an OAuth error out of core. Its description is safe to send to
 * the client: plain ASCII, no secret, no token, no SQL, no class name. Stack traces are not filled
 * in: these are expected outcomes, not bugs, and they are thrown on hot paths.
 */
public final class OAuthException extends RuntimeException {

    private final OAuthError error;
    private final String dpopNonce;
    private final Duration retryAfter;

    public OAuthException(OAuthError error, String description) {
        this(error, description, null, null);
    }

    private OAuthException(OAuthError error, String description, String dpopNonce, Duration retryAfter) {
        super(Objects.requireNonNull(description, "description"), null, false, false);
        this.error = Objects.requireNonNull(error, "error");
        this.dpopNonce = dpopNonce;
        this.retryAfter = retryAfter;
    }

    /** A {@code use_dpop_nonce} error that hands the client a fresh nonce (RFC 9449 §8). */
    public static OAuthException useDpopNonce(String nonce) {
        return new OAuthException(OAuthError.USE_DPOP_NONCE,
                "Authorization server requires nonce in DPoP proof", Objects.requireNonNull(nonce), null);
    }

    /** A throttling error: the client should retry after {@code retryAfter}. */
    public static OAuthException slowDown(String description, Duration retryAfter) {
        return new OAuthException(OAuthError.SLOW_DOWN, description, null, Objects.requireNonNull(retryAfter));
    }

    /**
     * A {@code temporarily_unavailable} error for an overloaded server: the client should retry
     * after {@code retryAfter} (the transport sends it as {@code Retry-After} with HTTP 503).
     */
    public static OAuthException temporarilyUnavailable(String description, Duration retryAfter) {
        return new OAuthException(OAuthError.TEMPORARILY_UNAVAILABLE, description, null,
                Objects.requireNonNull(retryAfter));
    }

    public OAuthError error() {
        return error;
    }

    /** The {@code error_description}: safe to show to the caller. */
    public String description() {
        return getMessage();
    }

    /** The nonce to send in a {@code DPoP-Nonce} header, if any. */
    public Optional<String> dpopNonce() {
        return Optional.ofNullable(dpopNonce);
    }

    /**
     * How long the caller should wait before retrying: set for {@link OAuthError#SLOW_DOWN} and for
     * an overload {@link OAuthError#TEMPORARILY_UNAVAILABLE}.
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
