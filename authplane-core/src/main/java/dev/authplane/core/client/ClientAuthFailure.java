package dev.authplane.core.client;

/**
 * Why one client authentication failed, for the operator log only: the caller always sees the one
 * {@link ClientAuthentication#FAILED} description. Carries no stack trace; the reason names what the
 * server checked, never a presented secret or assertion.
 */
final class ClientAuthFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ClientAuthFailure(String reason) {
        super(reason, null, false, false);
    }

    String reason() {
        return getMessage();
    }
}
