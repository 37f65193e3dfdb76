package dev.authplane.mcp.verifier;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A valid token that lacks a scope this resource requires: 403 with
 * {@code error="insufficient_scope"} and {@code scope="…"} naming every required scope
 * (RFC 6750 §3.1), so the client can ask for a token that has them.
 */
public final class InsufficientScopeException extends TokenVerificationException {

    /** RFC 6750 §3.1 error code. */
    public static final String INSUFFICIENT_SCOPE = "insufficient_scope";

    private static final long serialVersionUID = 1L;

    private final transient Set<String> requiredScopes;

    InsufficientScopeException(Set<String> requiredScopes, boolean dpopChallenge) {
        super("the access token lacks a required scope", dpopChallenge);
        this.requiredScopes = Set.copyOf(Objects.requireNonNull(requiredScopes, "requiredScopes"));
    }

    /** The scopes the request needs, never empty. */
    public Set<String> requiredScopes() {
        return requiredScopes;
    }

    @Override
    public Optional<String> error() {
        return Optional.of(INSUFFICIENT_SCOPE);
    }

    @Override
    public String description() {
        return "The access token lacks a required scope";
    }
}
