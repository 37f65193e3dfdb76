package dev.authplane.core.error;

/**
 * The closed set of OAuth error codes core may raise (RFC 6749 §5.2, RFC 8707 §2, RFC 9449 §5 and
 * §8). Mapping a code to an HTTP status is the servlet adapter's job, not core's.
 */
public enum OAuthError {
    INVALID_REQUEST("invalid_request"),
    INVALID_CLIENT("invalid_client"),
    INVALID_GRANT("invalid_grant"),
    UNAUTHORIZED_CLIENT("unauthorized_client"),
    UNSUPPORTED_GRANT_TYPE("unsupported_grant_type"),
    INVALID_SCOPE("invalid_scope"),
    INVALID_TARGET("invalid_target"),
    INVALID_DPOP_PROOF("invalid_dpop_proof"),
    USE_DPOP_NONCE("use_dpop_nonce"),
    /** Too many failed attempts; answered with 429 and {@code Retry-After}. */
    SLOW_DOWN("slow_down"),
    SERVER_ERROR("server_error"),
    TEMPORARILY_UNAVAILABLE("temporarily_unavailable");

    private final String code;

    OAuthError(String code) {
        this.code = code;
    }

    /** The wire value of the {@code error} member, e.g. {@code invalid_client}. */
    public String code() {
        return code;
    }
}
