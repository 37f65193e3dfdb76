package dev.authplane.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The typed configuration of an AuthPlane server (the README's Configuration section). Immutable. Build it from a parsed
 * YAML tree plus environment overrides with {@link ConfigLoader}, or start from
 * {@link #defaults()} and use the {@code with…} methods.
 *
 * @param server            public side: issuer and listening port
 * @param admin             admin API: port, bind address, API key
 * @param storage           database location and issuance group commit
 * @param clientCredentials the client_credentials grant
 * @param dpop              DPoP at the token endpoint
 * @param signing           token signing keys
 * @param security          hashing cost, clock skew, throttling, bcrypt pool, verified-secret cache
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
     * @param url                 JDBC URL, or {@code null} for the embedded H2 database under {@code dataDir}
     * @param username            database user, may be {@code null}
     * @param password            database password, may be {@code null}
     * @param dataDir             directory for the embedded database and generated files
     * @param groupCommitMaxBatch most issuance rows concurrent token requests share in one commit;
     *                            1 commits every row on its own
     * @param groupCommitMaxWait  how long a commit may wait for more rows when the server is busy
     *                            (zero: never; an idle server never waits, see
     *                            {@code dev.authplane.core.audit.GroupCommitIssuanceRepository})
     */
    public record Storage(String url, String username, String password, Path dataDir, int groupCommitMaxBatch,
                          Duration groupCommitMaxWait) {

        private static final Pattern URL_CREDENTIAL = Pattern.compile(
                "(?i)([?&;](?:password|pwd)=)[^&;]*|(?<=//)[^/@?;]*:[^/@?;]*(?=@)");

        /** Default of {@code storage.group_commit_max_batch}. */
        public static final int DEFAULT_GROUP_COMMIT_MAX_BATCH = 64;
        /** Default of {@code storage.group_commit_max_wait}: zero, rows never wait for company. */
        public static final Duration DEFAULT_GROUP_COMMIT_MAX_WAIT = Duration.ZERO;

        public Storage {
            if (groupCommitMaxBatch < 1) {
                throw new IllegalArgumentException("groupCommitMaxBatch must be at least 1");
            }
            Objects.requireNonNull(groupCommitMaxWait, "groupCommitMaxWait");
            if (groupCommitMaxWait.isNegative()) {
                throw new IllegalArgumentException("groupCommitMaxWait must not be negative");
            }
        }

        /** Storage with the default group-commit settings. */
        public Storage(String url, String username, String password, Path dataDir) {
            this(url, username, password, dataDir, DEFAULT_GROUP_COMMIT_MAX_BATCH, DEFAULT_GROUP_COMMIT_MAX_WAIT);
        }

        /**
         * Hides the password and any credential inside the URL ({@code password=} / {@code pwd=}
         * parameters after {@code ?}, {@code &} or {@code ;}, and {@code user:password@} user info),
         * since JDBC URLs may carry them.
         */
        @Override
        public String toString() {
            return "Storage[url=" + redactedUrl(url) + ", username=" + username + ", dataDir=" + dataDir
                    + ", groupCommitMaxBatch=" + groupCommitMaxBatch + ", groupCommitMaxWait=" + groupCommitMaxWait + "]";
        }

        private static String redactedUrl(String url) {
            return url == null ? null : URL_CREDENTIAL.matcher(url).replaceAll("$1***");
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
     * Client-authentication cost and abuse controls (see {@code dev.authplane.core.client}).
     *
     * @param bcryptCost              bcrypt cost for new client secrets (4-31)
     * @param clockSkew               tolerance for clock differences
     * @param maxFailedAuthPerClient  failed client authentications one {@code client_id} may cause
     *                                within {@code failedAuthWindow} before further attempts that
     *                                need a bcrypt check are answered {@code slow_down}; 0 turns it off
     * @param maxFailedAuthPerAddress the same per remote address (IPv6: per /64 prefix); 0 turns it off
     * @param failedAuthWindow        the window both failure limits count in
     * @param bcryptConcurrency       bcrypt checks that may run at once; 0 means one per CPU core
     * @param bcryptWait              how long a request waits for a bcrypt slot before it is answered
     *                                {@code temporarily_unavailable}
     * @param verifiedSecretCacheSize verified client credentials remembered so that repeat
     *                                authentications skip bcrypt; 0 turns the cache off
     */
    public record Security(int bcryptCost, Duration clockSkew, int maxFailedAuthPerClient,
                           int maxFailedAuthPerAddress, Duration failedAuthWindow, int bcryptConcurrency,
                           Duration bcryptWait, int verifiedSecretCacheSize) {

        /** Default of {@code security.max_failed_auth_per_client}. */
        public static final int DEFAULT_MAX_FAILED_AUTH_PER_CLIENT = 10;
        /** Default of {@code security.max_failed_auth_per_address}. */
        public static final int DEFAULT_MAX_FAILED_AUTH_PER_ADDRESS = 50;
        /** Default of {@code security.failed_auth_window}. */
        public static final Duration DEFAULT_FAILED_AUTH_WINDOW = Duration.ofMinutes(1);
        /** Default of {@code security.bcrypt_concurrency}: one check per CPU core. */
        public static final int DEFAULT_BCRYPT_CONCURRENCY = 0;
        /** Default of {@code security.bcrypt_wait}. */
        public static final Duration DEFAULT_BCRYPT_WAIT = Duration.ofSeconds(1);
        /** Default of {@code security.verified_secret_cache_size}. */
        public static final int DEFAULT_VERIFIED_SECRET_CACHE_SIZE = 10_000;

        public Security {
            Objects.requireNonNull(clockSkew, "clockSkew");
            Objects.requireNonNull(failedAuthWindow, "failedAuthWindow");
            Objects.requireNonNull(bcryptWait, "bcryptWait");
            if (maxFailedAuthPerClient < 0 || maxFailedAuthPerAddress < 0 || bcryptConcurrency < 0
                    || verifiedSecretCacheSize < 0) {
                throw new IllegalArgumentException("security limits must not be negative");
            }
            if (failedAuthWindow.isNegative() || failedAuthWindow.isZero() || bcryptWait.isNegative()) {
                throw new IllegalArgumentException("failedAuthWindow must be positive and bcryptWait not negative");
            }
        }

        /** Security with every throttling, pool and cache setting at its default. */
        public Security(int bcryptCost, Duration clockSkew) {
            this(bcryptCost, clockSkew, DEFAULT_MAX_FAILED_AUTH_PER_CLIENT, DEFAULT_MAX_FAILED_AUTH_PER_ADDRESS,
                    DEFAULT_FAILED_AUTH_WINDOW, DEFAULT_BCRYPT_CONCURRENCY, DEFAULT_BCRYPT_WAIT,
                    DEFAULT_VERIFIED_SECRET_CACHE_SIZE);
        }

        /** {@link #bcryptConcurrency()}, with 0 resolved to the number of CPU cores. */
        public int bcryptPermits() {
            return bcryptConcurrency > 0 ? bcryptConcurrency : Runtime.getRuntime().availableProcessors();
        }
    }

    /** Scope matching policy of the client_credentials grant (token step 6 (authplane-core README)). */
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
