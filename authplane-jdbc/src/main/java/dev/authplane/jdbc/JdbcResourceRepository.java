package dev.authplane.jdbc;

import dev.authplane.core.resource.BackendKind;
import dev.authplane.core.resource.Resource;
import dev.authplane.core.resource.ResourceRepository;
import dev.authplane.core.scope.ScopeDefinition;
import dev.authplane.core.storage.DuplicateKeyException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * {@link ResourceRepository} on tables {@code authplane_resource} and
 * {@code authplane_resource_scope}. Id, slug and URI uniqueness are constraints of the schema;
 * URIs are compared byte for byte (the PostgreSQL column uses the "C" collation). A resource and
 * its scope rows are written in one transaction. Thread-safe.
 */
public final class JdbcResourceRepository implements ResourceRepository {

    static final String INSERT_RESOURCE = "INSERT INTO authplane_resource (id, slug, uri, backend_kind, created_at,"
            + " updated_at) VALUES (?, ?, ?, ?, ?, ?)";
    static final String UPDATE_RESOURCE = "UPDATE authplane_resource SET slug = ?, uri = ?, backend_kind = ?,"
            + " created_at = ?, updated_at = ? WHERE id = ?";
    static final String INSERT_SCOPE = "INSERT INTO authplane_resource_scope (resource_id, sort_order, name,"
            + " description) VALUES (?, ?, ?, ?)";
    static final String DELETE_SCOPES = "DELETE FROM authplane_resource_scope WHERE resource_id = ?";
    static final String DELETE_RESOURCE = "DELETE FROM authplane_resource WHERE id = ?";
    static final String SELECT_COLUMNS = "SELECT id, slug, uri, backend_kind, created_at, updated_at"
            + " FROM authplane_resource";
    static final String SELECT_BY_ID = SELECT_COLUMNS + " WHERE id = ?";
    static final String SELECT_BY_SLUG = SELECT_COLUMNS + " WHERE slug = ?";
    static final String SELECT_BY_URI = SELECT_COLUMNS + " WHERE uri = ?";
    static final String SELECT_ALL = SELECT_COLUMNS + " ORDER BY slug";
    static final String SELECT_SCOPES_OF = "SELECT resource_id, name, description FROM authplane_resource_scope"
            + " WHERE resource_id = ? ORDER BY sort_order";
    static final String SELECT_ALL_SCOPES = "SELECT resource_id, name, description FROM authplane_resource_scope"
            + " ORDER BY resource_id, sort_order";

    private static final String SLUG_CONSTRAINT = "authplane_resource_slug_uq";
    private static final String URI_CONSTRAINT = "authplane_resource_uri_uq";

    private final Jdbc jdbc;

    /** @param dataSource a data source whose schema {@link AuthPlaneSchema} has migrated */
    public JdbcResourceRepository(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public void insert(Resource resource) {
        Objects.requireNonNull(resource, "resource");
        duplicateAware(resource, () -> jdbc.transaction("store resource", c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT_RESOURCE)) {
                ps.setString(1, resource.id());
                ps.setString(2, resource.slug());
                ps.setString(3, resource.uri());
                ps.setString(4, resource.backendKind().value());
                Jdbc.setInstant(ps, 5, resource.createdAt());
                Jdbc.setInstant(ps, 6, resource.updatedAt());
                ps.executeUpdate();
            }
            ScopeRows.insert(c, INSERT_SCOPE, resource.id(), resource.scopes());
            return null;
        }));
    }

    @Override
    public boolean update(Resource resource) {
        Objects.requireNonNull(resource, "resource");
        return duplicateAware(resource, () -> jdbc.transaction("update resource", c -> {
            try (PreparedStatement ps = c.prepareStatement(UPDATE_RESOURCE)) {
                ps.setString(1, resource.slug());
                ps.setString(2, resource.uri());
                ps.setString(3, resource.backendKind().value());
                Jdbc.setInstant(ps, 4, resource.createdAt());
                Jdbc.setInstant(ps, 5, resource.updatedAt());
                ps.setString(6, resource.id());
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            deleteScopes(c, resource.id());
            ScopeRows.insert(c, INSERT_SCOPE, resource.id(), resource.scopes());
            return true;
        }));
    }

    @Override
    public Optional<Resource> findById(String id) {
        return findOne(SELECT_BY_ID, id);
    }

    @Override
    public Optional<Resource> findBySlug(String slug) {
        return findOne(SELECT_BY_SLUG, slug);
    }

    @Override
    public Optional<Resource> findByUri(String uri) {
        return findOne(SELECT_BY_URI, uri);
    }

    @Override
    public List<Resource> findAll() {
        return jdbc.read("list resources", c -> {
            Map<String, List<ScopeDefinition>> scopes;
            try (PreparedStatement s = c.prepareStatement(SELECT_ALL_SCOPES)) {
                scopes = ScopeRows.byOwner(s, "resource_id");
            }
            List<Resource> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(SELECT_ALL); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs, scopes.getOrDefault(rs.getString("id"), List.of())));
                }
            }
            return List.copyOf(out);
        });
    }

    @Override
    public boolean delete(String id) {
        if (id == null) {
            return false;
        }
        return jdbc.transaction("delete resource", c -> {
            deleteScopes(c, id);
            try (PreparedStatement ps = c.prepareStatement(DELETE_RESOURCE)) {
                ps.setString(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    private Optional<Resource> findOne(String sql, String key) {
        if (key == null) {
            return Optional.empty();
        }
        return jdbc.readTransaction("read resource", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs, scopesOf(c, rs.getString("id")))) : Optional.empty();
                }
            }
        });
    }

    private static List<ScopeDefinition> scopesOf(Connection c, String resourceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT_SCOPES_OF)) {
            ps.setString(1, resourceId);
            return ScopeRows.byOwner(ps, "resource_id").getOrDefault(resourceId, List.of());
        }
    }

    private static void deleteScopes(Connection c, String resourceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(DELETE_SCOPES)) {
            ps.setString(1, resourceId);
            ps.executeUpdate();
        }
    }

    private static Resource map(ResultSet rs, List<ScopeDefinition> scopes) throws SQLException {
        return Resource.builder()
                .id(rs.getString("id"))
                .slug(rs.getString("slug"))
                .uri(rs.getString("uri"))
                .backendKind(BackendKind.fromValue(rs.getString("backend_kind")))
                .scopes(scopes)
                .createdAt(Jdbc.getInstant(rs, "created_at"))
                .updatedAt(Jdbc.getInstant(rs, "updated_at"))
                .build();
    }

    /** Runs a write, replacing the generic duplicate message by one naming the taken key. */
    private static <T> T duplicateAware(Resource resource, Supplier<T> write) {
        try {
            return write.get();
        } catch (DuplicateKeyException e) {
            SQLException cause = e.getCause() instanceof SQLException s ? s : null;
            String message;
            if (cause != null && SqlErrors.violates(cause, SLUG_CONSTRAINT)) {
                message = "a resource with slug '" + resource.slug() + "' already exists";
            } else if (cause != null && SqlErrors.violates(cause, URI_CONSTRAINT)) {
                message = "a resource with URI '" + resource.uri() + "' already exists";
            } else {
                message = "a resource with this id already exists";
            }
            throw new DuplicateKeyException(message, e.getCause());
        }
    }
}
