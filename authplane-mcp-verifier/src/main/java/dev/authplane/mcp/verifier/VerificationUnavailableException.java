package dev.authplane.mcp.verifier;

import java.util.Optional;

/**
 * The token could not be checked at all: no usable key is cached and the authorization server's
 * metadata or JWKS is unreachable. This is not a verdict on the token, so it must not become a
 * 401 (which would tell the client to throw a good token away); the servlet filter answers 503.
 * Nimbus keeps the same distinction between {@code BadJOSEException} and {@code KeySourceException}.
 */
public final class VerificationUnavailableException extends TokenVerificationException {

    /** The error code written in the 503 body. */
    public static final String TEMPORARILY_UNAVAILABLE = "temporarily_unavailable";

    private static final long serialVersionUID = 1L;

    VerificationUnavailableException(String internalReason) {
        super(internalReason, false);
    }

    @Override
    public Optional<String> error() {
        return Optional.of(TEMPORARILY_UNAVAILABLE);
    }

    @Override
    public String description() {
        return "Token verification is temporarily unavailable";
    }
}
