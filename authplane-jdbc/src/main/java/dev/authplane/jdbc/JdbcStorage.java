package dev.authplane.jdbc;

import dev.authplane.core.AuthPlane;
import dev.authplane.core.audit.AdminAuditLog;
import dev.authplane.core.audit.IssuanceRepository;
import dev.authplane.core.client.ClientRepository;
import dev.authplane.core.key.SigningKeyRepository;
import dev.authplane.core.resource.ResourceRepository;
import dev.authplane.dpop.DPoPReplayStore;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * All six JDBC adapters on one {@link DataSource}, plus housekeeping. The usual wiring:
 *
 * <pre>{@code
 * JdbcStorage storage = JdbcStorage.create(dataSource, keyEncryptionKey);
 * AuthPlane authPlane = storage.wire(AuthPlane.builder(config)).build();
 * }</pre>
 *
 * Call {@link #purgeExpired()} periodically (e.g. hourly) to drop expired DPoP proof ids and, when
 * an issuance retention is configured, old issuance rows. Thread-safe.
 */
public final class JdbcStorage {

    /** What one {@link #purgeExpired()} run deleted. */
    public record PurgeResult(int dpopProofs, int issuances) {
    }

    private final ClientRepository clients;
    private final ResourceRepository resources;
    private final IssuanceRepository issuances;
    private final SigningKeyRepository signingKeys;
    private final DPoPReplayStore replayStore;
    private final AdminAuditLog adminAuditLog;
    private final Clock clock;
    private final Duration issuanceRetention;

    private JdbcStorage(Builder b) {
        this.clients = new JdbcClientRepository(b.dataSource);
        this.resources = new JdbcResourceRepository(b.dataSource);
        this.issuances = new JdbcIssuanceRepository(b.dataSource);
        this.signingKeys = new JdbcSigningKeyRepository(b.dataSource, b.keyEncryptionKey);
        this.replayStore = new JdbcDPoPReplayStore(b.dataSource, b.clock, JdbcDPoPReplayStore.DEFAULT_SWEEP_INTERVAL);
        this.adminAuditLog = new JdbcAdminAuditLog(b.dataSource);
        this.clock = b.clock;
        this.issuanceRetention = b.issuanceRetention;
    }

    /**
     * Migrates the schema ({@link AuthPlaneSchema#migrate}) and creates the adapters, keeping
     * issuance rows forever.
     *
     * @param keyEncryptionKey base64 AES key that encrypts private signing keys at rest, or
     *                         {@code null} to store them in clear (a warning is logged)
     */
    public static JdbcStorage create(DataSource dataSource, String keyEncryptionKey) {
        return builder(dataSource).keyEncryptionKey(keyEncryptionKey).build();
    }

    /**
     * The JDBC URL of an embedded H2 file database as these adapters expect it: H2's default write
     * delay (its background writer keeps the file compacted; every write here still ends with
     * {@code CHECKPOINT SYNC}, see the module README), a lock timeout so that concurrent writers
     * wait for each other, and no close on JVM exit (the pool closes it).
     *
     * @param file the database file without H2's {@code .mv.db} suffix
     */
    public static String embeddedH2Url(Path file) {
        return "jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";
    }

    /** Options before building; see {@link Builder} for the defaults. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** The {@link JdbcClientRepository}. */
    public ClientRepository clients() {
        return clients;
    }

    /** The {@link JdbcResourceRepository}. */
    public ResourceRepository resources() {
        return resources;
    }

    /** The {@link JdbcIssuanceRepository}. */
    public IssuanceRepository issuances() {
        return issuances;
    }

    /** The {@link JdbcSigningKeyRepository}, encrypting private keys when a key-encryption key is set. */
    public SigningKeyRepository signingKeys() {
        return signingKeys;
    }

    /** The {@link JdbcDPoPReplayStore}, sweeping on the configured clock. */
    public DPoPReplayStore replayStore() {
        return replayStore;
    }

    /** The {@link JdbcAdminAuditLog}: each admin change and its event in one transaction with these adapters. */
    public AdminAuditLog adminAuditLog() {
        return adminAuditLog;
    }

    /** Gives {@code builder} all six adapters; returns it for chaining. */
    public AuthPlane.Builder wire(AuthPlane.Builder builder) {
        return builder.clients(clients).resources(resources).issuances(issuances).signingKeys(signingKeys)
                .replayStore(replayStore).adminAuditLog(adminAuditLog);
    }

    /** The configured issuance retention; empty when rows are kept forever. */
    public Optional<Duration> issuanceRetention() {
        return Optional.ofNullable(issuanceRetention);
    }

    /**
     * Deletes DPoP proof ids whose expiry has passed and, when a retention is configured, issuance
     * rows issued more than that retention ago. Safe to run on several nodes at once.
     */
    public PurgeResult purgeExpired() {
        Instant now = clock.instant();
        int proofs = replayStore.purgeExpired(now);
        int rows = issuanceRetention == null ? 0 : issuances.purgeIssuedBefore(now.minus(issuanceRetention));
        return new PurgeResult(proofs, rows);
    }

    /** Options with documented defaults; {@link #build()} migrates the schema unless told not to. */
    public static final class Builder {
        private final DataSource dataSource;
        private String keyEncryptionKey;
        private String previousKeyEncryptionKey;
        private Clock clock = Clock.systemUTC();
        private Duration issuanceRetention;
        private boolean migrateSchema = true;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** Base64 AES key (16, 24 or 32 bytes) for private signing keys; default none (clear, with a warning). */
        public Builder keyEncryptionKey(String keyEncryptionKey) {
            this.keyEncryptionKey = keyEncryptionKey;
            return this;
        }

        /**
         * The key-encryption key being replaced, or {@code null} (the default): {@link #build()}
         * re-wraps every private key it protects with {@link #keyEncryptionKey}. With a
         * key-encryption key set, keys stored in clear are encrypted by {@link #build()} either way.
         */
        public Builder previousKeyEncryptionKey(String previousKeyEncryptionKey) {
            this.previousKeyEncryptionKey = previousKeyEncryptionKey;
            return this;
        }

        /** Time source of the purge jobs; default {@link Clock#systemUTC()}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How long issuance rows are kept by {@link JdbcStorage#purgeExpired()}; default forever. */
        public Builder issuanceRetention(Duration retention) {
            if (retention != null && (retention.isNegative() || retention.isZero())) {
                throw new IllegalArgumentException("issuance retention must be positive");
            }
            this.issuanceRetention = retention;
            return this;
        }

        /** Whether {@link #build()} runs {@link AuthPlaneSchema#migrate}; default {@code true}. */
        public Builder migrateSchema(boolean migrateSchema) {
            this.migrateSchema = migrateSchema;
            return this;
        }

        /**
         * Migrates the schema (unless told not to), then, with a key-encryption key, protects every
         * stored private key with it ({@link JdbcSigningKeyRepository#protectAtRest}).
         *
         * @throws IllegalArgumentException when a key-encryption key is malformed, or a previous one
         *                                  is given without a current one
         * @throws dev.authplane.core.storage.StorageException when the migration fails or a stored
         *                                  key opens with neither key-encryption key (nothing is changed then)
         */
        public JdbcStorage build() {
            if (previousKeyEncryptionKey != null && keyEncryptionKey == null) {
                throw new IllegalArgumentException("a previous key-encryption key needs the key-encryption key"
                        + " that replaces it");
            }
            JdbcStorage storage = new JdbcStorage(this);
            if (migrateSchema) {
                AuthPlaneSchema.migrate(dataSource);
            }
            if (keyEncryptionKey != null) {
                ((JdbcSigningKeyRepository) storage.signingKeys).protectAtRest(previousKeyEncryptionKey);
            }
            return storage;
        }
    }
}
