package dev.authplane.mcp.verifier;

import java.util.Optional;

/**
 * The request carried no access token. RFC 6750 §3.1: the challenge then has no {@code error}
 * attribute, only the {@code resource_metadata} pointer a client needs to go and get a token.
 */
public final class MissingTokenException extends TokenVerificationException {

    private static final long serialVersionUID = 1L;

    MissingTokenException(boolean dpopChallenge) {
        super("no access token in the request", dpopChallenge);
    }

    @Override
    public Optional<String> error() {
        return Optional.empty();
    }

    @Override
    public String description() {
        return "An access token is required";
    }
}
