package dev.authplane.jdbc;

import dev.authplane.core.client.Client;
import dev.authplane.core.client.ClientAuthMethod;
import dev.authplane.core.client.ClientKeys;
import dev.authplane.core.client.ClientRepository;
import dev.authplane.core.client.ClientStatus;
import dev.authplane.core.client.SecretValidity;
import dev.authplane.core.scope.ScopeDefinition;
import dev.authplane.core.storage.DuplicateKeyException;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * {@link ClientRepository} on tables {@code authplane_client}, {@code authplane_client_grant_type},
 * {@code authplane_client_scope} and {@code authplane_client_resource}. The schema's primary key and unique constraint enforce
 * {@code client_id} and name uniqueness across nodes; an aggregate and its child rows are written
 * in one transaction. Stores only bcrypt hashes: a client whose secret hash is not one is refused
 * (schema and Java both check); a {@code private_key_jwt} client's row holds its public keys
 * ({@code jwks} or {@code jwks_uri}) and no hash. Thread-safe.
 */
public final class JdbcClientRepository implements ClientRepository {

    static final String INSERT_CLIENT = "INSERT INTO authplane_client (name, secret_hash, auth_method, jwks, jwks_uri,"
            + " status, created_at, updated_at, introspect, secret_expires_at, previous_secret_hash,"
            + " previous_secret_valid_until, token_lifetime_seconds, client_id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String UPDATE_CLIENT = "UPDATE authplane_client SET name = ?, secret_hash = ?, auth_method = ?,"
            + " jwks = ?, jwks_uri = ?, status = ?, created_at = ?, updated_at = ?, introspect = ?,"
            + " secret_expires_at = ?, previous_secret_hash = ?, previous_secret_valid_until = ?,"
            + " token_lifetime_seconds = ? WHERE client_id = ?";
    static final String INSERT_GRANT = "INSERT INTO authplane_client_grant_type (client_id, grant_type) VALUES (?, ?)";
    static final String INSERT_SCOPE = "INSERT INTO authplane_client_scope (client_id, sort_order, name, description)"
            + " VALUES (?, ?, ?, ?)";
    static final String INSERT_RESOURCE = "INSERT INTO authplane_client_resource (client_id, resource_slug)"
            + " VALUES (?, ?)";
    static final String DELETE_GRANTS = "DELETE FROM authplane_client_grant_type WHERE client_id = ?";
    static final String DELETE_SCOPES = "DELETE FROM authplane_client_scope WHERE client_id = ?";
    static final String DELETE_RESOURCES = "DELETE FROM authplane_client_resource WHERE client_id = ?";
    static final String DELETE_CLIENT = "DELETE FROM authplane_client WHERE client_id = ?";
    static final String SELECT_COLUMNS = "SELECT client_id, name, secret_hash, auth_method, jwks, jwks_uri, status,"
            + " created_at, updated_at, introspect, secret_expires_at, previous_secret_hash, previous_secret_valid_until,"
            + " token_lifetime_seconds FROM authplane_client";
    static final String SELECT_BY_ID = SELECT_COLUMNS + " WHERE client_id = ?";
    static final String SELECT_BY_NAME = SELECT_COLUMNS + " WHERE name = ?";
    static final String SELECT_ALL = SELECT_COLUMNS + " ORDER BY name";
    static final String SELECT_GRANTS_OF = "SELECT client_id, grant_type AS item FROM authplane_client_grant_type"
            + " WHERE client_id = ?";
    static final String SELECT_ALL_GRANTS = "SELECT client_id, grant_type AS item FROM authplane_client_grant_type";
    static final String SELECT_RESOURCES_OF = "SELECT client_id, resource_slug AS item FROM authplane_client_resource"
            + " WHERE client_id = ?";
    static final String SELECT_ALL_RESOURCES = "SELECT client_id, resource_slug AS item FROM authplane_client_resource";
    static final String SELECT_SCOPES_OF = "SELECT client_id, name, description FROM authplane_client_scope"
            + " WHERE client_id = ? ORDER BY sort_order";
    static final String SELECT_ALL_SCOPES = "SELECT client_id, name, description FROM authplane_client_scope"
            + " ORDER BY client_id, sort_order";

    private static final String NAME_CONSTRAINT = "authplane_client_name_uq";
    private static final Pattern BCRYPT = Pattern.compile("^\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}$");

    private final Jdbc jdbc;

    /** @param dataSource a data source whose schema {@link AuthPlaneSchema} has migrated */
    public JdbcClientRepository(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public void insert(Client client) {
        requireBcrypt(client);
        duplicateAware(client, () -> jdbc.transaction("store client", c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT_CLIENT)) {
                bindRow(ps, client);
                ps.executeUpdate();
            }
            insertChildren(c, client);
            return null;
        }));
    }

    @Override
    public boolean update(Client client) {
        requireBcrypt(client);
        return duplicateAware(client, () -> jdbc.transaction("update client", c -> {
            try (PreparedStatement ps = c.prepareStatement(UPDATE_CLIENT)) {
                bindRow(ps, client);
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            deleteChildren(c, client.clientId());
            insertChildren(c, client);
            return true;
        }));
    }

    @Override
    public Optional<Client> findByClientId(String clientId) {
        return clientId == null ? Optional.empty() : findOne("read client", SELECT_BY_ID, clientId);
    }

    @Override
    public Optional<Client> findByName(String name) {
        return name == null ? Optional.empty() : findOne("read client", SELECT_BY_NAME, name);
    }

    @Override
    public List<Client> findAll() {
        return jdbc.read("list clients", c -> {
            Map<String, Set<String>> grants;
            Map<String, Set<String>> resourceLists;
            Map<String, List<ScopeDefinition>> scopes;
            try (PreparedStatement g = c.prepareStatement(SELECT_ALL_GRANTS);
                 PreparedStatement r = c.prepareStatement(SELECT_ALL_RESOURCES);
                 PreparedStatement s = c.prepareStatement(SELECT_ALL_SCOPES)) {
                grants = valuesByClient(g);
                resourceLists = valuesByClient(r);
                scopes = ScopeRows.byOwner(s, "client_id");
            }
            List<Client> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(SELECT_ALL); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString("client_id");
                    out.add(map(rs, grants.getOrDefault(id, Set.of()), scopes.getOrDefault(id, List.of()))
                            .resources(resourceLists.getOrDefault(id, Set.of())).build());
                }
            }
            return List.copyOf(out);
        });
    }

    @Override
    public boolean delete(String clientId) {
        if (clientId == null) {
            return false;
        }
        return jdbc.transaction("delete client", c -> {
            deleteChildren(c, clientId);
            try (PreparedStatement ps = c.prepareStatement(DELETE_CLIENT)) {
                ps.setString(1, clientId);
                return ps.executeUpdate() > 0;
            }
        });
    }

    private Optional<Client> findOne(String operation, String sql, String key) {
        return jdbc.readTransaction(operation, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    String id = rs.getString("client_id");
                    return Optional.of(map(rs, valuesOf(c, SELECT_GRANTS_OF, id), scopesOf(c, id))
                            .resources(valuesOf(c, SELECT_RESOURCES_OF, id)).build());
                }
            }
        });
    }

    /** One client's grant types or resource slugs ({@code sql} selects {@code client_id, item}). */
    private static Set<String> valuesOf(Connection c, String sql, String clientId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, clientId);
            return valuesByClient(ps).getOrDefault(clientId, Set.of());
        }
    }

    private static List<ScopeDefinition> scopesOf(Connection c, String clientId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT_SCOPES_OF)) {
            ps.setString(1, clientId);
            return ScopeRows.byOwner(ps, "client_id").getOrDefault(clientId, List.of());
        }
    }

    private static Map<String, Set<String>> valuesByClient(PreparedStatement query) throws SQLException {
        Map<String, Set<String>> out = new HashMap<>();
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString("client_id"), k -> new HashSet<>()).add(rs.getString("item"));
            }
        }
        return out;
    }

    /** The client row with its grants and scopes; the caller adds the resource list and builds. */
    private static Client.Builder map(ResultSet rs, Set<String> grants, List<ScopeDefinition> scopes)
            throws SQLException {
        return Client.builder()
                .clientId(rs.getString("client_id"))
                .name(rs.getString("name"))
                .secretHash(rs.getString("secret_hash"))
                .authMethod(ClientAuthMethod.fromValue(rs.getString("auth_method")))
                .keys(keys(rs))
                .status(ClientStatus.valueOf(rs.getString("status")))
                .introspect(rs.getBoolean("introspect"))
                .secretValidity(secretValidity(rs))
                .tokenLifetime(tokenLifetime(rs))
                .grantTypes(grants)
                .scopes(scopes)
                .createdAt(Jdbc.getInstant(rs, "created_at"))
                .updatedAt(Jdbc.getInstant(rs, "updated_at"));
    }

    /** The row's columns in the order {@link #INSERT_CLIENT} and {@link #UPDATE_CLIENT} share, client_id last. */
    private static void bindRow(PreparedStatement ps, Client client) throws SQLException {
        ClientKeys keys = client.keys();
        ps.setString(1, client.name());
        ps.setString(2, client.secretHash());
        ps.setString(3, client.authMethod().value());
        ps.setString(4, keys == null ? null : keys.jwks());
        ps.setString(5, keys == null || keys.jwksUri() == null ? null : keys.jwksUri().toString());
        ps.setString(6, client.status().name());
        Jdbc.setInstant(ps, 7, client.createdAt());
        Jdbc.setInstant(ps, 8, client.updatedAt());
        ps.setBoolean(9, client.mayIntrospect());
        SecretValidity validity = client.secretValidity();
        Jdbc.setInstant(ps, 10, validity.expiresAt());
        ps.setString(11, validity.previousHash());
        Jdbc.setInstant(ps, 12, validity.previousValidUntil());
        if (client.tokenLifetime().isPresent()) {
            ps.setLong(13, client.tokenLifetime().get().toSeconds());
        } else {
            ps.setNull(13, Types.INTEGER);
        }
        ps.setString(14, client.clientId());
    }

    private static SecretValidity secretValidity(ResultSet rs) throws SQLException {
        Instant expiresAt = Jdbc.getInstant(rs, "secret_expires_at");
        String previousHash = rs.getString("previous_secret_hash");
        return expiresAt == null && previousHash == null ? SecretValidity.NONE
                : new SecretValidity(expiresAt, previousHash, Jdbc.getInstant(rs, "previous_secret_valid_until"));
    }

    private static Duration tokenLifetime(ResultSet rs) throws SQLException {
        long seconds = rs.getLong("token_lifetime_seconds");
        return rs.wasNull() ? null : Duration.ofSeconds(seconds);
    }

    /** The stored keys as written by {@link #bindRow} (validated when they were registered). */
    private static ClientKeys keys(ResultSet rs) throws SQLException {
        String jwks = rs.getString("jwks");
        String jwksUri = rs.getString("jwks_uri");
        return jwks == null && jwksUri == null ? null : new ClientKeys(jwks, jwksUri == null ? null : URI.create(jwksUri));
    }

    private static void insertChildren(Connection c, Client client) throws SQLException {
        insertValues(c, INSERT_GRANT, client.clientId(), client.grantTypes());
        insertValues(c, INSERT_RESOURCE, client.clientId(), client.resources());
        ScopeRows.insert(c, INSERT_SCOPE, client.clientId(), client.scopes());
    }

    /** One {@code (client_id, value)} row per value, in one batch ({@code sql} binds the two). */
    private static void insertValues(Connection c, String sql, String clientId, Set<String> values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (String value : values) {
                ps.setString(1, clientId);
                ps.setString(2, value);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void deleteChildren(Connection c, String clientId) throws SQLException {
        for (String sql : List.of(DELETE_GRANTS, DELETE_RESOURCES, DELETE_SCOPES)) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, clientId);
                ps.executeUpdate();
            }
        }
    }

    /** Only bcrypt hashes are stored: anything else (a plaintext secret by mistake) is refused. */
    private static void requireBcrypt(Client client) {
        Objects.requireNonNull(client, "client");
        String previous = client.secretValidity().previousHash();
        if (client.secretHash() != null && !BCRYPT.matcher(client.secretHash()).matches()
                || previous != null && !BCRYPT.matcher(previous).matches()) {
            throw new IllegalArgumentException("the secret hash of client " + client.clientId()
                    + " is not a bcrypt hash; hash secrets before storing clients");
        }
    }

    /** Runs a write, replacing the generic duplicate message by one naming the taken key. */
    private static <T> T duplicateAware(Client client, Supplier<T> write) {
        try {
            return write.get();
        } catch (DuplicateKeyException e) {
            boolean name = e.getCause() instanceof SQLException s && SqlErrors.violates(s, NAME_CONSTRAINT);
            throw new DuplicateKeyException(name ? "a client named '" + client.name() + "' already exists"
                    : "a client with this client_id already exists", e.getCause());
        }
    }
}
