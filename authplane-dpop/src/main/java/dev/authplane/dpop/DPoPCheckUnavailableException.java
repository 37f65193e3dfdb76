package dev.authplane.dpop;

/**
 * The proof could not be checked because the {@link DPoPReplayStore} did not answer (full,
 * unreachable): neither accepted nor rejected. Callers fail closed with a "try again later"
 * answer (503), never with a token or a 401. The cause is the store's own exception.
 */
public final class DPoPCheckUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    DPoPCheckUnavailableException(RuntimeException cause) {
        super("the DPoP replay store did not answer", cause);
    }

    /** The store's exception. */
    @Override
    public synchronized RuntimeException getCause() {
        return (RuntimeException) super.getCause();
    }
}
