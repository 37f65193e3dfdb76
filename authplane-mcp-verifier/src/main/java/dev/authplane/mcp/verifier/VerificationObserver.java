package dev.authplane.mcp.verifier;

import dev.authplane.dpop.DPoPProofException;

/**
 * Called by a {@link TokenVerifier} at each outcome, for metrics; every method has an empty
 * default and {@link #NONE} records nothing. Arguments are constants or primitives, so an observer
 * that does nothing costs no allocation. Implementations must be thread-safe, fast and must not
 * throw: they run on the request thread. Set one with {@link TokenVerifierBuilder#observer}; the
 * Micrometer binding is in authplane-micrometer.
 */
public interface VerificationObserver {

    /** The observer that records nothing. */
    VerificationObserver NONE = new VerificationObserver() {
    };

    /** A request was let through; {@code cached} when the token's signature was verified before. */
    default void accepted(boolean cached) {
    }

    /**
     * A request was refused.
     *
     * @param reason {@code missing_token}, {@code invalid_token}, {@code invalid_dpop_proof},
     *               {@code invalid_request}, {@code insufficient_scope}, {@code revoked} (introspection
     *               says the token is not active) or {@code unavailable} (keys or introspection could
     *               not be had: the request failed closed)
     */
    default void rejected(String reason) {
    }

    /** A DPoP proof sent with a bound token was rejected. */
    default void dpopProofRejected(DPoPProofException.Reason reason) {
    }

    /** A fetch of the authorization server's metadata or JWKS ended; {@code succeeded} false on any failure. */
    default void authorizationServerFetched(boolean succeeded) {
    }
}
