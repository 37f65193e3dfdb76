package dev.authplane.core.client;

import dev.authplane.core.observe.AuthFailureReason;

/**
 * Why one client authentication failed, for the operator log and observers only: the caller always
 * sees the one {@link ClientAuthentication#FAILED} description. Carries no stack trace; the reason
 * names what the server checked, never a presented secret or assertion.
 */
final class ClientAuthFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final AuthFailureReason category;

    /** A client assertion that failed one of its checks. */
    ClientAuthFailure(String reason) {
        this(AuthFailureReason.INVALID_ASSERTION, reason);
    }

    ClientAuthFailure(AuthFailureReason category, String reason) {
        super(reason, null, false, false);
        this.category = category;
    }

    String reason() {
        return getMessage();
    }

    AuthFailureReason category() {
        return category;
    }
}
