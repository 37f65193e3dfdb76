package dev.authplane.mcp.verifier;

import java.util.Optional;

/**
 * Why a request could not be let through. The four subclasses are the four outcomes a protected
 * resource must keep apart (RFC 6750 §3.1, RFC 9449 §7.1):
 * <ul>
 *   <li>{@link MissingTokenException}: no access token at all (401, no {@code error} attribute);</li>
 *   <li>{@link TokenRejectedException}: a token or DPoP proof was presented and is not acceptable
 *       (401 {@code invalid_token} / {@code invalid_dpop_proof}, 400 {@code invalid_request});</li>
 *   <li>{@link InsufficientScopeException}: a good token without a required scope (403);</li>
 *   <li>{@link VerificationUnavailableException}: the token could not be checked at all because no
 *       usable key is cached and the authorization server is unreachable (503).</li>
 * </ul>
 * {@link #getMessage()} is an internal reason meant for server logs at debug level; it never
 * contains the token. What a client may see is {@link #error()} and {@link #description()}, fixed
 * texts that say nothing about why verification failed. Stack traces are not captured: rejections
 * are ordinary traffic, not bugs.
 */
public abstract sealed class TokenVerificationException extends Exception
        permits MissingTokenException, TokenRejectedException, InsufficientScopeException,
        VerificationUnavailableException {

    private static final long serialVersionUID = 1L;

    private final boolean dpopChallenge;

    TokenVerificationException(String internalReason, boolean dpopChallenge) {
        super(internalReason, null, false, false);
        this.dpopChallenge = dpopChallenge;
    }

    /** The RFC 6750 / RFC 9449 {@code error} code, empty when none must be sent. */
    public abstract Optional<String> error();

    /** A fixed, client-safe {@code error_description}. */
    public abstract String description();

    /**
     * Whether the challenge must use the {@code DPoP} scheme (the request used it, the token is
     * DPoP-bound, or the resource requires DPoP) instead of {@code Bearer}.
     */
    public boolean dpopChallenge() {
        return dpopChallenge;
    }
}
