package dev.authplane.core.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The audit row written for every access token minted (the issuance audit (README walk-through, step 6)). One row per {@code jti}; the row
 * is stored before the token leaves the server.
 *
 * @param jti          the token's unique id
 * @param clientId     the authenticated client's id
 * @param clientName   the client's name at minting time
 * @param subject      the token's {@code sub} (equal to {@code clientId} for client_credentials)
 * @param resourceId   the resource's id, or {@code null} when the audience is the issuer itself
 * @param resourceUri  the token's audience
 * @param scopes       granted scopes, sorted; empty when none
 * @param grantType    e.g. {@code client_credentials}
 * @param tokenType    {@code Bearer} or {@code DPoP}
 * @param dpopJkt      the RFC 7638 thumbprint the token is bound to, or {@code null}
 * @param issuedAt     the token's {@code iat}
 * @param expiresAt    the token's {@code exp}
 */
public record Issuance(String jti, String clientId, String clientName, String subject, String resourceId,
                       String resourceUri, List<String> scopes, String grantType, String tokenType,
                       String dpopJkt, Instant issuedAt, Instant expiresAt) {

    public Issuance {
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientName, "clientName");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(resourceUri, "resourceUri");
        scopes = List.copyOf(Objects.requireNonNull(scopes, "scopes"));
        Objects.requireNonNull(grantType, "grantType");
        Objects.requireNonNull(tokenType, "tokenType");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (expiresAt.isBefore(issuedAt)) {
            throw new IllegalArgumentException("expiresAt is before issuedAt");
        }
    }

    /** The granted scopes as the space-separated string a token carries. */
    public String scopeString() {
        return String.join(" ", scopes);
    }
}
