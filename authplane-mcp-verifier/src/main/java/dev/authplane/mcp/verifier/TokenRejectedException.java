package dev.authplane.mcp.verifier;

import java.util.Objects;
import java.util.Optional;

/**
 * A presented token (or its DPoP proof) is not acceptable: bad signature, wrong issuer or
 * audience, expired, malformed, replayed proof and so on. The client must obtain a new token; the
 * response is 401 ({@code invalid_token}, {@code invalid_dpop_proof}) or 400
 * ({@code invalid_request}). The description is the same whatever the reason.
 */
public final class TokenRejectedException extends TokenVerificationException {

    /** RFC 6750 §3.1: the token is expired, revoked, malformed or otherwise invalid. */
    public static final String INVALID_TOKEN = "invalid_token";
    /** RFC 9449 §7.1: the DPoP proof is missing or invalid. */
    public static final String INVALID_DPOP_PROOF = "invalid_dpop_proof";
    /** RFC 6750 §3.1: the request is malformed (e.g. two {@code Authorization} headers). */
    public static final String INVALID_REQUEST = "invalid_request";

    private static final long serialVersionUID = 1L;

    private final String error;
    private final boolean revoked;

    TokenRejectedException(String error, String internalReason, boolean dpopChallenge) {
        this(error, internalReason, dpopChallenge, false);
    }

    private TokenRejectedException(String error, String internalReason, boolean dpopChallenge, boolean revoked) {
        super(internalReason, dpopChallenge);
        this.revoked = revoked;
        this.error = Objects.requireNonNull(error, "error");
        if (!error.equals(INVALID_TOKEN) && !error.equals(INVALID_DPOP_PROOF) && !error.equals(INVALID_REQUEST)) {
            throw new IllegalArgumentException("unknown error code");
        }
    }

    static TokenRejectedException invalidToken(String internalReason, boolean dpopChallenge) {
        return new TokenRejectedException(INVALID_TOKEN, internalReason, dpopChallenge);
    }

    /** An {@code invalid_token} because introspection says the token is no longer active. */
    static TokenRejectedException notActive(String internalReason, boolean dpopChallenge) {
        return new TokenRejectedException(INVALID_TOKEN, internalReason, dpopChallenge, true);
    }

    /** Whether the authorization server reported the token as not active (revoked, or its client disabled). */
    boolean revoked() {
        return revoked;
    }

    static TokenRejectedException invalidProof(String internalReason) {
        return new TokenRejectedException(INVALID_DPOP_PROOF, internalReason, true);
    }

    @Override
    public Optional<String> error() {
        return Optional.of(error);
    }

    @Override
    public String description() {
        return switch (error) {
            case INVALID_DPOP_PROOF -> "The DPoP proof is invalid";
            case INVALID_REQUEST -> "The request is malformed";
            default -> "The access token is invalid";
        };
    }
}
