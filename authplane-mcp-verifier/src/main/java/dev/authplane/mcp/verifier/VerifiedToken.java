package dev.authplane.mcp.verifier;

import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The facts a protected resource may rely on once an access token has passed every check.
 * Immutable and safe to share between threads; {@link #toString()} prints no credential.
 *
 * @param clientId  the {@code client_id} claim: the OAuth client that obtained the token
 * @param subject   the {@code sub} claim (for client_credentials tokens equal to {@code clientId})
 * @param scopes    the granted scopes from the space-separated {@code scope} claim (empty when absent)
 * @param issuedAt  the {@code iat} claim
 * @param expiresAt the {@code exp} claim
 * @param jwtId     the {@code jti} claim
 * @param dpopJkt   the {@code cnf.jkt} thumbprint when the token is DPoP-bound (RFC 9449 §6.1)
 */
public record VerifiedToken(String clientId, String subject, Set<String> scopes, Instant issuedAt,
                            Instant expiresAt, String jwtId, Optional<String> dpopJkt) {

    /**
     * The servlet request attribute under which the filter stores the {@code VerifiedToken} of the
     * request it let through.
     */
    public static final String REQUEST_ATTRIBUTE = VerifiedToken.class.getName();

    /** Checks that every component is present and copies the scope set. */
    public VerifiedToken {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(subject, "subject");
        scopes = Set.copyOf(Objects.requireNonNull(scopes, "scopes"));
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(jwtId, "jwtId");
        Objects.requireNonNull(dpopJkt, "dpopJkt");
    }

    /** Whether the token grants {@code scope}. */
    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /** Whether the token grants every one of {@code required}. */
    public boolean hasAllScopes(Collection<String> required) {
        return scopes.containsAll(required);
    }

    /** Whether the token is bound to a DPoP key and must come with a proof. */
    public boolean isDPoPBound() {
        return dpopJkt.isPresent();
    }
}
