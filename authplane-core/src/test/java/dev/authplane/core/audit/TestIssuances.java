package dev.authplane.core.audit;

import dev.authplane.core.client.GrantTypes;
import dev.authplane.testsupport.TestTimes;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issuance fixtures. {@link #issuance()} returns a builder pre-filled with a valid Bearer row for
 * client {@code backend-worker} and resource {@code https://mcp.example.com/mcp}, with a fresh
 * {@code jti} on every call and issued at {@link TestTimes#T0}.
 */
public final class TestIssuances {

    public static final String CLIENT_ID = "cid-backend-worker";
    public static final String CLIENT_NAME = "backend-worker";
    public static final String RESOURCE_ID = "res_main";
    public static final String RESOURCE_URI = "https://mcp.example.com/mcp";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private TestIssuances() {
    }

    /** A pre-filled builder; see the class comment. */
    public static Builder issuance() {
        return new Builder();
    }

    /** Mutable builder over {@link Issuance}; {@link #build()} applies the record's validation. */
    public static final class Builder {
        private String jti = String.format("jti-%08d", SEQUENCE.incrementAndGet());
        private String clientId = CLIENT_ID;
        private String clientName = CLIENT_NAME;
        private String resourceId = RESOURCE_ID;
        private String resourceUri = RESOURCE_URI;
        private List<String> scopes = List.of("tools/call", "tools/query");
        private String tokenType = "Bearer";
        private String dpopJkt;
        private Instant issuedAt = TestTimes.T0;
        private Duration lifetime = Duration.ofHours(1);
        private String authMethod = "client_secret_basic";
        private String assertionKid;

        private Builder() {
        }

        public Builder jti(String jti) {
            this.jti = jti;
            return this;
        }

        public Builder client(String clientId, String clientName) {
            this.clientId = clientId;
            this.clientName = clientName;
            return this;
        }

        public Builder resource(String resourceId, String resourceUri) {
            this.resourceId = resourceId;
            this.resourceUri = resourceUri;
            return this;
        }

        public Builder scopes(List<String> scopes) {
            this.scopes = scopes;
            return this;
        }

        /** Binds the row to a DPoP key: token type {@code DPoP} and the given thumbprint. */
        public Builder dpop(String jkt) {
            this.tokenType = "DPoP";
            this.dpopJkt = jkt;
            return this;
        }

        /** How the client authenticated (default {@code client_secret_basic}) and the assertion's key. */
        private String traceId;

        public Builder authentication(String authMethod, String assertionKid) {
            this.authMethod = authMethod;
            this.assertionKid = assertionKid;
            return this;
        }

        /** The request's W3C trace id (default none). */
        public Builder traceId(String traceId) {
            this.traceId = traceId;
            return this;
        }

        public Builder issuedAt(Instant issuedAt) {
            this.issuedAt = issuedAt;
            return this;
        }

        public Builder lifetime(Duration lifetime) {
            this.lifetime = lifetime;
            return this;
        }

        public Issuance build() {
            return Issuance.builder().jti(jti).client(clientId, clientName).subject(clientId)
                    .resource(resourceId, resourceUri).scopes(scopes).grantType(GrantTypes.CLIENT_CREDENTIALS)
                    .tokenType(tokenType, dpopJkt).lifetime(issuedAt, issuedAt.plus(lifetime))
                    .authentication(authMethod, assertionKid).traceId(traceId).build();
        }
    }
}
