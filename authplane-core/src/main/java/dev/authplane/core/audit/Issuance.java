package dev.authplane.core.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The audit row written for every access token minted (the issuance audit, README walk-through
 * step 6). One row per {@code jti}; the row is stored before the token leaves the server. Build one
 * with {@link #builder()}: fifteen fields, ten of them strings, are too many to pass by position.
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
 * @param authMethod   how the client authenticated, e.g. {@code private_key_jwt}; {@code null} for
 *                     rows recorded before the method was (schema version 3 and earlier)
 * @param assertionKid the {@code kid} of the key that verified a client assertion, or {@code null}
 * @param revocation   when and why the token was revoked, or {@code null} while it was not
 */
public record Issuance(String jti, String clientId, String clientName, String subject, String resourceId,
                       String resourceUri, List<String> scopes, String grantType, String tokenType,
                       String dpopJkt, Instant issuedAt, Instant expiresAt, String authMethod,
                       String assertionKid, Revocation revocation) {

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

    /** This row with {@code revocation} recorded. */
    public Issuance withRevocation(Revocation revocation) {
        return new Issuance(jti, clientId, clientName, subject, resourceId, resourceUri, scopes, grantType, tokenType,
                dpopJkt, issuedAt, expiresAt, authMethod, assertionKid, Objects.requireNonNull(revocation, "revocation"));
    }

    /** Whether the token was revoked. */
    public boolean revoked() {
        return revocation != null;
    }

    /** The granted scopes as the space-separated string a token carries. */
    public String scopeString() {
        return String.join(" ", scopes);
    }

    /** A builder; {@link Builder#build()} applies the record's checks. */
    public static Builder builder() {
        return new Builder();
    }

    /** Names every field of an {@link Issuance}; not thread-safe. */
    public static final class Builder {
        private String jti;
        private String clientId;
        private String clientName;
        private String subject;
        private String resourceId;
        private String resourceUri;
        private List<String> scopes = List.of();
        private String grantType;
        private String tokenType;
        private String dpopJkt;
        private Instant issuedAt;
        private Instant expiresAt;
        private String authMethod;
        private String assertionKid;
        private Revocation revocation;

        private Builder() {
        }

        public Builder jti(String jti) {
            this.jti = jti;
            return this;
        }

        /** The authenticated client, by id and its name at minting time. */
        public Builder client(String clientId, String clientName) {
            this.clientId = clientId;
            this.clientName = clientName;
            return this;
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        /** The audience: a resource's id ({@code null} when it is the issuer itself) and its URI. */
        public Builder resource(String resourceId, String resourceUri) {
            this.resourceId = resourceId;
            this.resourceUri = resourceUri;
            return this;
        }

        public Builder scopes(List<String> scopes) {
            this.scopes = scopes;
            return this;
        }

        public Builder grantType(String grantType) {
            this.grantType = grantType;
            return this;
        }

        /** {@code Bearer}, or {@code DPoP} with the key thumbprint the token is bound to. */
        public Builder tokenType(String tokenType, String dpopJkt) {
            this.tokenType = tokenType;
            this.dpopJkt = dpopJkt;
            return this;
        }

        /** The token's {@code iat} and {@code exp}. */
        public Builder lifetime(Instant issuedAt, Instant expiresAt) {
            this.issuedAt = issuedAt;
            this.expiresAt = expiresAt;
            return this;
        }

        /** How the client authenticated and, for an assertion, the verifying key's {@code kid} (or {@code null}). */
        public Builder authentication(String authMethod, String assertionKid) {
            this.authMethod = authMethod;
            this.assertionKid = assertionKid;
            return this;
        }

        /** When and why the token was revoked ({@code null}: it was not). */
        public Builder revocation(Revocation revocation) {
            this.revocation = revocation;
            return this;
        }

        public Issuance build() {
            return new Issuance(jti, clientId, clientName, subject, resourceId, resourceUri, scopes, grantType,
                    tokenType, dpopJkt, issuedAt, expiresAt, authMethod, assertionKid, revocation);
        }
    }
}
