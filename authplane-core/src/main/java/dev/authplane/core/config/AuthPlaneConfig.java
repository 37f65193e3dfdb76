package dev.authplane.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The typed configuration of an AuthPlane server (SPEC §9). Immutable. Build it from a parsed
 * YAML tree plus environment overrides with {@link ConfigLoader}, or start from
 * {@link #defaults()} and use the {@code with…} methods.
 *
 * @param server            public side: issuer and listening port
 * @param admin             admin API: port, bind address, API key
 * @param storage           database location
 * @param clientCredentials the client_credentials grant
 * @param dpop              DPoP at the token endpoint
 * @param signing           token signing keys
 * @param security          hashing cost, clock skew, throttling
 */
public record AuthPlaneConfig(Server server, Admin admin, Storage storage, ClientCredentials clientCredentials,
                              DPoP dpop, Signing signing, Security security) {

    public AuthPlaneConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(clientCredentials, "clientCredentials");
        Objects.requireNonNull(dpop, "dpop");
        Objects.requireNonNull(signing, "signing");
        Objects.requireNonNull(security, "security");
    }

    /** Every setting at its documented default (grant disabled, issuer {@code http://localhost:9000}). */
    public static AuthPlaneConfig defaults() {
        return ConfigLoader.load(Map.of(), Map.of());
    }

    /** The token endpoint's public URL: the issuer plus {@code /oauth/token}. Used as DPoP {@code htu}. */
    public String tokenEndpoint() {
        return server.issuer() + "/oauth/token";
    }

    /** The JWKS URL: the issuer plus {@code /.well-known/jwks.json}. */
    public String jwksUri() {
        return server.issuer() + "/.well-known/jwks.json";
    }

    public AuthPlaneConfig withServer(Server server) {
        return new AuthPlaneConfig(server, admin, storage, clientCredentials, dpop, signing, security);
    }

    public AuthPlaneConfig withAdmin(Admin admin) {
        return new AuthPlaneConfig(server, admin, storage, clientCredentials, dpop, signing, security);
    }

    public AuthPlaneConfig withStorage(Storage storage) {
        return new AuthPlaneConfig(server, admin, storage, clientCredentials, dpop, signing, security);
    }

    public AuthPlaneConfig withClientCredentials(ClientCredentials clientCredentials) {
        return new AuthPlaneConfig(server, admin, storage, clientCredentials, dpop, signing, security);
    }

    public AuthPlaneConfig withDpop(DPoP dpop) {
        return new AuthPlaneConfig(server, admin, storage, clientCredentials, dpop, signing, security);
    }

    public AuthPlaneConfig withSigning(Signing signing) {
        return new AuthPlaneConfig(server, admin, storage, clientCredentials, dpop, signing, security);
    }

    public AuthPlaneConfig withSecurity(Security security) {
        return new AuthPlaneConfig(server, admin, storage, clientCredentials, dpop, signing, security);
    }

    /**
     * @param issuer the {@code iss} of every token, an absolute http(s) URL without trailing slash,
     *               query or fragment
     * @param port   public listening port
     * @param bind   public bind address
     */
    public record Server(String issuer, int port, String bind) {
        public Server {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(bind, "bind");
        }
    }

    /**
     * @param port   admin API port
     * @param bind   admin bind address, loopback by default
     * @param apiKey bearer key for the admin API, or {@code null} when the server should generate one
     */
    public record Admin(int port, String bind, String apiKey) {
        public Optional<String> apiKeyIfSet() {
            return Optional.ofNullable(apiKey);
        }

        @Override
        public String toString() {
            return "Admin[port=" + port + ", bind=" + bind + ", apiKey=" + (apiKey == null ? "unset" : "***") + "]";
        }
    }

    /**
     * @param url      JDBC URL, or {@code null} for the embedded H2 database under {@code dataDir}
     * @param username database user, may be {@code null}
     * @param password database password, may be {@code null}
     * @param dataDir  directory for the embedded database and generated files
     */
    public record Storage(String url, String username, String password, Path dataDir) {
        @Override
        public String toString() {
            return "Storage[url=" + url + ", username=" + username + ", dataDir=" + dataDir + "]";
        }
    }

    /**
     * @param enabled         whether the grant is offered at all (false by default, as the seed says)
     * @param tokenExpiry     access token lifetime
     * @param requireResource whether {@code resource} is mandatory (else the audience is the issuer)
     * @param scopePolicy     how requested scopes are matched against registered ones
     */
    public record ClientCredentials(boolean enabled, Duration tokenExpiry, boolean requireResource,
                                    ScopePolicy scopePolicy) {
        public ClientCredentials {
            Objects.requireNonNull(tokenExpiry, "tokenExpiry");
            Objects.requireNonNull(scopePolicy, "scopePolicy");
        }
    }

    /**
     * @param enabled       accept DPoP proofs at the token endpoint
     * @param proofLifetime how far a proof's {@code iat} may lie from now
     * @param requireNonce  hand out and require server nonces
     */
    public record DPoP(boolean enabled, Duration proofLifetime, boolean requireNonce) {
        public DPoP {
            Objects.requireNonNull(proofLifetime, "proofLifetime");
        }
    }

    /**
     * @param algorithm        JWS algorithm of access tokens
     * @param keyEncryptionKey base64 AES key (16, 24 or 32 bytes) used by storage adapters to
     *                         encrypt private keys at rest, or {@code null}
     */
    public record Signing(SigningAlgorithm algorithm, String keyEncryptionKey) {
        public Signing {
            Objects.requireNonNull(algorithm, "algorithm");
        }

        @Override
        public String toString() {
            return "Signing[algorithm=" + algorithm + ", keyEncryptionKey=" + (keyEncryptionKey == null ? "unset" : "***") + "]";
        }
    }

    /**
     * @param bcryptCost        bcrypt cost for new client secrets (4-31)
     * @param clockSkew         tolerance for clock differences
     */
    public record Security(int bcryptCost, Duration clockSkew) {
        public Security {
            Objects.requireNonNull(clockSkew, "clockSkew");
        }
    }

    /** Scope matching policy of the client_credentials grant (SPEC §2 step 6). */
    public enum ScopePolicy {
        /** Grant the intersection of requested and registered scopes (the seed's rule). */
        INTERSECTION,
        /** Refuse any requested scope outside the registered set. */
        STRICT
    }

    /** Access-token signing algorithms. */
    public enum SigningAlgorithm {
        ES256,
        RS256
    }
}
