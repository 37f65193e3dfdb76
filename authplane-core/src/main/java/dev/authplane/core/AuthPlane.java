package dev.authplane.core;

import dev.authplane.core.admin.AdminService;
import dev.authplane.core.audit.AdminAuditLog;
import dev.authplane.core.audit.InMemoryAdminAuditLog;
import dev.authplane.core.audit.InMemoryIssuanceRepository;
import dev.authplane.core.audit.IssuanceRepository;
import dev.authplane.core.client.ClientAuthentication;
import dev.authplane.core.client.ClientRepository;
import dev.authplane.core.client.ClientSecretHasher;
import dev.authplane.core.client.InMemoryClientRepository;
import dev.authplane.core.client.JwksFetcher;
import dev.authplane.core.config.AuthPlaneConfig;
import dev.authplane.core.config.DPoPSettings;
import dev.authplane.core.dpop.DPoPNonces;
import dev.authplane.core.key.InMemorySigningKeyRepository;
import dev.authplane.core.key.KeyManager;
import dev.authplane.core.key.SigningKeyRepository;
import dev.authplane.core.lifecycle.RevokedTokens;
import dev.authplane.core.lifecycle.TokenIntrospector;
import dev.authplane.core.lifecycle.TokenRevocation;
import dev.authplane.core.observe.AuthPlaneObserver;
import dev.authplane.core.resource.InMemoryResourceRepository;
import dev.authplane.core.resource.ResourceRepository;
import dev.authplane.core.storage.StorageException;
import dev.authplane.core.support.IdGenerator;
import dev.authplane.core.support.SecureRandomIdGenerator;
import dev.authplane.core.token.ScopeResolver;
import dev.authplane.core.token.TokenCustomizer;
import dev.authplane.core.token.TokenService;
import dev.authplane.dpop.DPoPProofVerifier;
import dev.authplane.dpop.DPoPReplayStore;
import dev.authplane.dpop.InMemoryDPoPReplayStore;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The facade an embedder wires once: configuration plus storage adapters in, the token, admin and
 * key services out. Build it with {@link #builder(AuthPlaneConfig)}; every collaborator is optional
 * and defaults to the in-memory adapters, {@link Clock#systemUTC()}, a
 * {@link SecureRandomIdGenerator}, the {@link ScopeResolver} for
 * {@code client_credentials.scope_policy} and no {@link TokenCustomizer}. Thread-safe once built.
 *
 * <p>From the configuration it also wires the token hot path's cost controls: client
 * authentication with the verified-credential cache, failure throttling and the bcrypt pool
 * ({@code security.*}, see {@link ClientAuthentication}), and issuance group commit in front of the
 * issuance store ({@code storage.group_commit_*}, see {@link IssuanceRepository#withGroupCommit}).
 * Administration reads and writes the stores directly.
 */
public final class AuthPlane {

    private final AuthPlaneConfig config;
    private final ClientRepository clients;
    private final SigningKeyRepository signingKeys;
    private final KeyManager keys;
    private final TokenService tokens;
    private final AdminService admin;
    private final ClientAuthentication clientAuthentication;
    private final TokenRevocation revocation;
    private final TokenIntrospector introspector;
    private final Clock clock;

    private AuthPlane(Builder b) {
        this.config = b.config;
        this.clock = b.clock;
        this.clients = b.clients;
        this.signingKeys = b.signingKeys;
        ClientSecretHasher hasher = new ClientSecretHasher(config.security().bcryptCost(), b.ids);
        this.keys = new KeyManager(b.signingKeys, config, b.clock, b.ids, b.keyRefreshInterval, b.observer);
        ClientAuthentication authenticator = ClientAuthentication.create(b.clients, hasher, config, b.replayStore,
                b.jwksFetcher, b.ids, b.clock, b.observer);
        IssuanceRepository tokenIssuances = IssuanceRepository.withGroupCommit(b.issuances, config.issuance(), b.observer);
        this.tokens = TokenService.create(config, authenticator, b.resources,
                b.scopeResolver == null ? ScopeResolver.forPolicy(config.clientCredentials().scopePolicy())
                        : b.scopeResolver, dpopVerifier(b), keys, tokenIssuances, b.clock, b.ids, b.tokenCustomizer,
                b.observer);
        this.clientAuthentication = authenticator;
        RevokedTokens revoked = new RevokedTokens(b.issuances, b.clock,
                config.lifecycle().revocationRefreshInterval());
        this.revocation = new TokenRevocation(b.issuances, revoked, b.clock);
        this.introspector = new TokenIntrospector(config.issuer(), keys, b.clients, b.resources, revoked, b.clock,
                config.cryptoProvider());
        this.admin = new AdminService(config, b.clients, b.resources, b.issuances, keys, hasher, b.clock, b.ids,
                b.jwksFetcher != JwksFetcher.NONE, revocation, b.adminAuditLog, b.observer);
        b.observer.bind(new ServiceGauges(authenticator, tokenIssuances, keys));
    }

    /** A builder for {@code config}, with every collaborator at its default. */
    public static Builder builder(AuthPlaneConfig config) {
        return new Builder(config);
    }

    /**
     * Client authentication as the token endpoint does it (same methods, cache and throttle), for
     * the other endpoints a client calls: revocation and introspection.
     */
    public ClientAuthentication clientAuthentication() {
        return clientAuthentication;
    }

    /** Token revocation (RFC 7009 and administrative). */
    public TokenRevocation revocation() {
        return revocation;
    }

    /** Token introspection (RFC 7662). */
    public TokenIntrospector introspector() {
        return introspector;
    }

    /** The token endpoint's logic. */
    public TokenService tokens() {
        return tokens;
    }

    /** Administration of resources, clients, issuances and keys. */
    public AdminService admin() {
        return admin;
    }

    /** Signing keys and the public JWKS. */
    public KeyManager keys() {
        return keys;
    }

    /** The configuration this instance was built from. */
    public AuthPlaneConfig config() {
        return config;
    }

    /** The clock every service of this instance reads; adapters use it for relative windows such as {@code since=24h}. */
    public Clock clock() {
        return clock;
    }

    /**
     * Probes storage with cheap reads (a client lookup and the active signing key), then checks
     * that this node holds an active signing key it may sign with. Blocks as long as the storage
     * reads do; a transport bounds the wait (authplane-servlet's {@code /health/ready} does).
     *
     * @return which check failed, with a short reason; never throws for storage errors
     */
    public Health health() {
        try {
            clients.findByClientId("health-probe");
            signingKeys.findActive();
        } catch (StorageException e) {
            return new Health(false, false, "storage unavailable: " + e.getClass().getSimpleName());
        }
        try {
            keys.activeKey();
            return new Health(true, true, "storage reachable, signing key active");
        } catch (StorageException e) {
            return new Health(true, false, "signing key unavailable: " + e.getClass().getSimpleName());
        }
    }

    private static DPoPProofVerifier dpopVerifier(Builder b) {
        DPoPSettings dpop = b.config.dpop();
        if (!dpop.enabled()) {
            return null;
        }
        DPoPNonces nonces = !dpop.requireNonce() ? null
                : b.dpopNonces != null ? b.dpopNonces : DPoPNonces.withRandomKey(b.ids, b.clock);
        return DPoPProofVerifier.builder(b.replayStore, b.clock).proofLifetime(dpop.proofLifetime())
                .clockSkew(b.config.security().clockSkew()).nonces(nonces)
                .cryptoProvider(b.config.cryptoProvider()).build();
    }

    /** Collects the collaborators of an {@link AuthPlane}; not thread-safe. */
    public static final class Builder {
        private final AuthPlaneConfig config;
        private ClientRepository clients;
        private ResourceRepository resources;
        private IssuanceRepository issuances;
        private SigningKeyRepository signingKeys;
        private DPoPReplayStore replayStore;
        private Clock clock = Clock.systemUTC();
        private IdGenerator ids;
        private ScopeResolver scopeResolver;
        private TokenCustomizer tokenCustomizer = TokenCustomizer.NONE;
        private DPoPNonces dpopNonces;
        private JwksFetcher jwksFetcher = JwksFetcher.NONE;
        private Duration keyRefreshInterval = KeyManager.DEFAULT_REFRESH_INTERVAL;
        private AuthPlaneObserver observer = AuthPlaneObserver.NONE;
        private AdminAuditLog adminAuditLog;

        private Builder(AuthPlaneConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Client store (default: {@link InMemoryClientRepository}). */
        public Builder clients(ClientRepository clients) {
            this.clients = Objects.requireNonNull(clients, "clients");
            return this;
        }

        /** Resource store (default: {@link InMemoryResourceRepository}). */
        public Builder resources(ResourceRepository resources) {
            this.resources = Objects.requireNonNull(resources, "resources");
            return this;
        }

        /** Issuance audit log (default: {@link InMemoryIssuanceRepository}). */
        public Builder issuances(IssuanceRepository issuances) {
            this.issuances = Objects.requireNonNull(issuances, "issuances");
            return this;
        }

        /** Signing key store (default: {@link InMemorySigningKeyRepository}). */
        public Builder signingKeys(SigningKeyRepository signingKeys) {
            this.signingKeys = Objects.requireNonNull(signingKeys, "signingKeys");
            return this;
        }

        /**
         * Where used DPoP proof ids and client-assertion {@code jti}s are remembered for their replay
         * windows (default: {@link InMemoryDPoPReplayStore} on this builder's clock; give every node
         * one shared store, e.g. the JDBC one, in a cluster).
         */
        public Builder replayStore(DPoPReplayStore replayStore) {
            this.replayStore = Objects.requireNonNull(replayStore, "replayStore");
            return this;
        }

        /** Time source (default: {@link Clock#systemUTC()}). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Random ids and secrets (default: {@link SecureRandomIdGenerator}). */
        public Builder ids(IdGenerator ids) {
            this.ids = Objects.requireNonNull(ids, "ids");
            return this;
        }

        /** Scope policy (default: the one named by {@code client_credentials.scope_policy}). */
        public Builder scopeResolver(ScopeResolver scopeResolver) {
            this.scopeResolver = Objects.requireNonNull(scopeResolver, "scopeResolver");
            return this;
        }

        /** Extra claims for every token (default: {@link TokenCustomizer#NONE}). */
        public Builder tokenCustomizer(TokenCustomizer tokenCustomizer) {
            this.tokenCustomizer = Objects.requireNonNull(tokenCustomizer, "tokenCustomizer");
            return this;
        }

        /**
         * DPoP nonce source used when {@code dpop.require_nonce=true} (default: HMAC nonces with a
         * random per-process key; give every node the same keyed instance in a cluster).
         */
        public Builder dpopNonces(DPoPNonces dpopNonces) {
            this.dpopNonces = Objects.requireNonNull(dpopNonces, "dpopNonces");
            return this;
        }

        /**
         * Fetches the {@code jwks_uri} documents of {@code private_key_jwt} clients (default
         * {@link JwksFetcher#NONE}: clients register their keys inline, and a {@code jwks_uri} is
         * refused at registration), e.g. {@code HttpsJwksFetcher} of authplane-servlet.
         */
        public Builder jwksFetcher(JwksFetcher jwksFetcher) {
            this.jwksFetcher = Objects.requireNonNull(jwksFetcher, "jwksFetcher");
            return this;
        }

        /** How often signing keys are re-read from the store (default {@link KeyManager#DEFAULT_REFRESH_INTERVAL}). */
        public Builder keyRefreshInterval(Duration keyRefreshInterval) {
            this.keyRefreshInterval = Objects.requireNonNull(keyRefreshInterval, "keyRefreshInterval");
            return this;
        }

        /**
         * Told every outcome of the token path, the key manager and the admin service, e.g. the
         * Micrometer binding of authplane-micrometer (default {@link AuthPlaneObserver#NONE}).
         */
        public Builder observer(AuthPlaneObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /**
         * The admin audit trail (default: {@link InMemoryAdminAuditLog}); give the one of the storage
         * adapter that holds the other stores, so each change and its event share a transaction.
         */
        public Builder adminAuditLog(AdminAuditLog adminAuditLog) {
            this.adminAuditLog = Objects.requireNonNull(adminAuditLog, "adminAuditLog");
            return this;
        }

        /** Wires the services. Creates no key yet: the first key is generated on first use. */
        public AuthPlane build() {
            clients = clients != null ? clients : new InMemoryClientRepository();
            resources = resources != null ? resources : new InMemoryResourceRepository();
            issuances = issuances != null ? issuances : new InMemoryIssuanceRepository();
            signingKeys = signingKeys != null ? signingKeys : new InMemorySigningKeyRepository();
            adminAuditLog = adminAuditLog != null ? adminAuditLog : new InMemoryAdminAuditLog();
            replayStore = replayStore != null ? replayStore
                    : new InMemoryDPoPReplayStore(clock, InMemoryDPoPReplayStore.DEFAULT_MAX_ENTRIES);
            ids = ids != null ? ids : new SecureRandomIdGenerator(new SecureRandom(), clock);
            return new AuthPlane(this);
        }
    }
}
