package dev.authplane.jdbc;

import dev.authplane.core.key.KeyStatus;
import dev.authplane.core.key.SigningKey;
import dev.authplane.core.key.SigningKeyRepository;
import dev.authplane.core.storage.DuplicateKeyException;
import dev.authplane.core.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link SigningKeyRepository} on table {@code authplane_signing_key}. The active key carries
 * {@code active_marker = 1} under a unique constraint, so the database itself lets at most one key
 * be active: of two nodes rotating at once, one commits and the other's compare-and-set finds no
 * active key with the kid it expected. Private keys are encrypted with AES-GCM when a
 * key-encryption key is given; without one they are stored in clear and the constructor logs a
 * warning. Thread-safe.
 */
public final class JdbcSigningKeyRepository implements SigningKeyRepository {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSigningKeyRepository.class);

    static final String INSERT_ACTIVE = "INSERT INTO authplane_signing_key (kid, algorithm, private_jwk,"
            + " private_jwk_protection, status, active_marker, created_at) VALUES (?, ?, ?, ?, 'ACTIVE', 1, ?)";
    static final String RETIRE_ACTIVE = "UPDATE authplane_signing_key SET status = 'RETIRED', active_marker = NULL,"
            + " retired_at = ?, publish_until = ? WHERE kid = ? AND active_marker = 1";
    static final String SELECT_COLUMNS = "SELECT kid, algorithm, private_jwk, private_jwk_protection, status,"
            + " created_at, retired_at, publish_until FROM authplane_signing_key";
    static final String SELECT_ACTIVE = SELECT_COLUMNS + " WHERE active_marker = 1";
    static final String SELECT_ALL = SELECT_COLUMNS
            + " ORDER BY CASE WHEN active_marker = 1 THEN 0 ELSE 1 END, created_at DESC, kid DESC";
    static final String COUNT_ACTIVE = "SELECT COUNT(*) FROM authplane_signing_key WHERE active_marker = 1";
    static final String COUNT_KID = "SELECT COUNT(*) FROM authplane_signing_key WHERE kid = ?";
    static final String DELETE_RETIRED = "DELETE FROM authplane_signing_key WHERE status = 'RETIRED'"
            + " AND publish_until < ?";

    static final String DELETE_RETIRED_KID = "DELETE FROM authplane_signing_key WHERE status = 'RETIRED' AND kid = ?";
    static final String SELECT_PROTECTION = "SELECT kid, private_jwk, private_jwk_protection FROM authplane_signing_key"
            + " ORDER BY kid FOR UPDATE";
    static final String UPDATE_PROTECTION = "UPDATE authplane_signing_key SET private_jwk = ?, private_jwk_protection = ?"
            + " WHERE kid = ?";

    private final Jdbc jdbc;
    private final PrivateKeyCipher cipher;

    /**
     * @param dataSource       a data source whose schema {@link AuthPlaneSchema} has migrated
     * @param keyEncryptionKey base64 of a 16, 24 or 32 byte AES key that encrypts private keys at
     *                         rest, or {@code null} to store them in clear (a warning is logged)
     * @throws IllegalArgumentException when {@code keyEncryptionKey} is not such a value
     */
    public JdbcSigningKeyRepository(DataSource dataSource, String keyEncryptionKey) {
        this.jdbc = new Jdbc(dataSource);
        this.cipher = PrivateKeyCipher.fromBase64(keyEncryptionKey);
        if (!cipher.encrypts()) {
            LOG.warn("Private signing keys are stored unencrypted in the database: no key-encryption key is"
                    + " configured (signing.key_encryption_key / AUTHPLANE_SIGNING_KEY_ENCRYPTION_KEY)");
        }
    }

    /**
     * Protects every stored private key with this repository's key-encryption key, in one
     * transaction: keys in clear are encrypted, keys that open only with {@code previousKeyEncryptionKey}
     * are re-wrapped, keys already under the current key are left alone. Logged per kid, never a key.
     * Without a key-encryption key nothing happens.
     *
     * @param previousKeyEncryptionKey the key being replaced, or {@code null}
     * @return how many keys were changed
     * @throws dev.authplane.core.storage.StorageException when a key opens with neither key (the
     *                                                     transaction rolls back: nothing is lost)
     */
    public int protectAtRest(String previousKeyEncryptionKey) {
        if (!cipher.encrypts()) {
            return 0;
        }
        PrivateKeyCipher previous = PrivateKeyCipher.fromBase64(previousKeyEncryptionKey);
        return jdbc.transaction("protect signing keys at rest", c -> {
            Map<String, PrivateKeyCipher.Sealed> changed = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(SELECT_PROTECTION); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String kid = rs.getString("kid");
                    String protection = rs.getString("private_jwk_protection");
                    String value = rs.getString("private_jwk");
                    if (PrivateKeyCipher.NONE.equals(protection)) {
                        changed.put(kid, cipher.seal(kid, value));
                    } else if (!cipher.opens(kid, value)) {
                        if (!previous.encrypts() || !previous.opens(kid, value)) {
                            throw new StorageException("signing key " + kid + " opens with neither the key-encryption"
                                    + " key nor the previous one; nothing was changed");
                        }
                        changed.put(kid, cipher.seal(kid, previous.open(kid, protection, value)));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(UPDATE_PROTECTION)) {
                for (Map.Entry<String, PrivateKeyCipher.Sealed> e : changed.entrySet()) {
                    ps.setString(1, e.getValue().value());
                    ps.setString(2, e.getValue().protection());
                    ps.setString(3, e.getKey());
                    ps.executeUpdate();
                }
            }
            changed.keySet().forEach(kid -> LOG.info("Signing key {} is now encrypted with the key-encryption key", kid));
            return changed.size();
        });
    }

    @Override
    public boolean insertIfNoActive(SigningKey activeKey) {
        requireActive(activeKey);
        try {
            return jdbc.write("store signing key", c -> insertActive(c, activeKey));
        } catch (DuplicateKeyException e) {
            if (count(COUNT_ACTIVE, null) > 0) {
                return false;
            }
            throw duplicateKid(activeKey, e);
        }
    }

    @Override
    public boolean rotate(String expectedActiveKid, SigningKey newActive, Instant retiredAt, Instant publishUntil) {
        Objects.requireNonNull(expectedActiveKid, "expectedActiveKid");
        requireActive(newActive);
        Objects.requireNonNull(retiredAt, "retiredAt");
        Objects.requireNonNull(publishUntil, "publishUntil");
        try {
            return jdbc.transaction("rotate signing key", c -> {
                try (PreparedStatement ps = c.prepareStatement(RETIRE_ACTIVE)) {
                    Jdbc.setInstant(ps, 1, retiredAt);
                    Jdbc.setInstant(ps, 2, publishUntil);
                    ps.setString(3, expectedActiveKid);
                    if (ps.executeUpdate() == 0) {
                        return false;
                    }
                }
                return insertActive(c, newActive);
            });
        } catch (DuplicateKeyException e) {
            if (count(COUNT_KID, newActive.kid()) > 0) {
                throw duplicateKid(newActive, e);
            }
            return false;
        }
    }

    @Override
    public Optional<SigningKey> findActive() {
        List<SigningKey> active = select("read signing key", SELECT_ACTIVE);
        return active.isEmpty() ? Optional.empty() : Optional.of(active.get(0));
    }

    @Override
    public List<SigningKey> findAll() {
        return select("list signing keys", SELECT_ALL);
    }

    @Override
    public int deleteRetiredBefore(Instant now) {
        Objects.requireNonNull(now, "now");
        return jdbc.write("delete retired signing keys", c -> {
            try (PreparedStatement ps = c.prepareStatement(DELETE_RETIRED)) {
                Jdbc.setInstant(ps, 1, now);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public boolean deleteRetired(String kid) {
        if (kid == null) {
            return false;
        }
        return jdbc.write("delete a retired signing key", c -> {
            try (PreparedStatement ps = c.prepareStatement(DELETE_RETIRED_KID)) {
                ps.setString(1, kid);
                return ps.executeUpdate() > 0;
            }
        });
    }

    private boolean insertActive(Connection c, SigningKey key) throws SQLException {
        PrivateKeyCipher.Sealed sealed = cipher.seal(key.kid(), key.privateJwkJson());
        try (PreparedStatement ps = c.prepareStatement(INSERT_ACTIVE)) {
            ps.setString(1, key.kid());
            ps.setString(2, key.algorithm());
            ps.setString(3, sealed.value());
            ps.setString(4, sealed.protection());
            Jdbc.setInstant(ps, 5, key.createdAt());
            return ps.executeUpdate() == 1;
        }
    }

    private List<SigningKey> select(String operation, String sql) {
        return jdbc.read(operation, c -> {
            List<SigningKey> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs));
                }
            }
            return List.copyOf(out);
        });
    }

    private SigningKey map(ResultSet rs) throws SQLException {
        String kid = rs.getString("kid");
        String privateJwk = cipher.open(kid, rs.getString("private_jwk_protection"), rs.getString("private_jwk"));
        return new SigningKey(kid, rs.getString("algorithm"), privateJwk, KeyStatus.valueOf(rs.getString("status")),
                Jdbc.getInstant(rs, "created_at"), Jdbc.getInstant(rs, "retired_at"),
                Jdbc.getInstant(rs, "publish_until"));
    }

    private long count(String sql, String kid) {
        return jdbc.read("read signing keys", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (kid != null) {
                    ps.setString(1, kid);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static void requireActive(SigningKey key) {
        Objects.requireNonNull(key, "key");
        if (key.status() != KeyStatus.ACTIVE) {
            throw new IllegalArgumentException("the new key must have status ACTIVE");
        }
    }

    private static DuplicateKeyException duplicateKid(SigningKey key, DuplicateKeyException e) {
        return new DuplicateKeyException("a signing key with kid '" + key.kid() + "' already exists", e.getCause());
    }
}
