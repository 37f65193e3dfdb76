package dev.authplane.jdbc;

import dev.authplane.core.audit.Issuance;
import dev.authplane.core.audit.IssuanceQuery;
import dev.authplane.core.audit.IssuanceRepository;
import dev.authplane.core.audit.Revocation;
import dev.authplane.core.scope.ScopeDefinition;
import dev.authplane.core.storage.StorageException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link IssuanceRepository} on table {@code authplane_issuance}. {@link #record} and
 * {@link #recordAll} return only after the commit, so a row is durable before its token leaves.
 * {@link #recordAll} is the group-commit path (core's group commit ({@code IssuanceRepository.withGroupCommit}) hands
 * it the rows of concurrent token requests): one transaction on one connection, one prepared
 * {@code INSERT} reused for every row through {@code addBatch}/{@code executeBatch}, rolled back
 * entirely when any row fails. {@code jti} uniqueness is the table's primary key. Each listing filter of the issuance audit (README walk-through, step 6) is served by
 * an index that ends in the listing order ({@code issued_at}, {@code jti}). Granted scopes are
 * stored sorted in one space-separated column. Thread-safe.
 */
public final class JdbcIssuanceRepository implements IssuanceRepository {

    static final String INSERT = "INSERT INTO authplane_issuance (jti, client_id, client_name, subject, resource_id,"
            + " resource_uri, scopes, grant_type, token_type, dpop_jkt, issued_at, expires_at, auth_method,"
            + " assertion_kid, trace_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String COLUMNS = "SELECT jti, client_id, client_name, subject, resource_id, resource_uri,"
            + " scopes, grant_type, token_type, dpop_jkt, issued_at, expires_at, auth_method, assertion_kid,"
            + " revoked_at, revocation_reason, trace_id FROM authplane_issuance";
    static final String SELECT_SINCE = COLUMNS + " WHERE issued_at >= ?";
    static final String AND_REVOKED = " AND revoked_at IS NOT NULL";
    static final String BY_JTI = COLUMNS + " WHERE jti = ?";
    static final String REVOKE = "UPDATE authplane_issuance SET revoked_at = ?, revocation_reason = ?"
            + " WHERE revoked_at IS NULL";
    static final String AND_JTI = " AND jti = ?";
    static final String AND_CLIENT_UNEXPIRED = " AND client_id = ? AND expires_at > ?";
    static final String AND_RESOURCE_UNEXPIRED = " AND resource_uri = ? AND expires_at > ?";
    static final String REVOKED_SINCE = "SELECT jti, expires_at, revoked_at FROM authplane_issuance"
            + " WHERE revoked_at >= ? AND expires_at > ?";
    static final String AND_CLIENT = " AND client_id = ?";
    static final String AND_RESOURCE = " AND (resource_id = ? OR resource_uri = ?)";
    static final String AND_UNTIL = " AND issued_at < ?";
    static final String NEWEST_FIRST = " ORDER BY issued_at DESC, jti DESC FETCH FIRST ? ROWS ONLY";
    static final String PURGE = "DELETE FROM authplane_issuance WHERE issued_at < ?";

    private final Jdbc jdbc;

    /** @param dataSource a data source whose schema {@link AuthPlaneSchema} has migrated */
    public JdbcIssuanceRepository(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public void record(Issuance issuance) {
        Objects.requireNonNull(issuance, "issuance");
        String scopes = scopeColumn(issuance);
        jdbc.write("record issuance", c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                bind(ps, issuance, scopes);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void recordAll(List<Issuance> issuances) {
        List<Issuance> batch = List.copyOf(issuances);
        if (batch.isEmpty()) {
            return;
        }
        List<String> scopes = batch.stream().map(JdbcIssuanceRepository::scopeColumn).toList();
        jdbc.transaction("record issuances", c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (int i = 0; i < batch.size(); i++) {
                    bind(ps, batch.get(i), scopes.get(i));
                    ps.addBatch();
                }
                return requireOneRowEach(ps.executeBatch());
            }
        });
    }

    /** Fails (and so rolls the batch back) unless the driver reports every insert as done. */
    private static int[] requireOneRowEach(int[] counts) {
        for (int count : counts) {
            if (count != 1 && count != Statement.SUCCESS_NO_INFO) {
                throw new StorageException("could not record issuances: the database did not insert every row");
            }
        }
        return counts;
    }

    @Override
    public List<Issuance> find(IssuanceQuery query) {
        Objects.requireNonNull(query, "query");
        return jdbc.read("list issuances", c -> {
            try (PreparedStatement ps = c.prepareStatement(sqlFor(query))) {
                bindQuery(ps, query);
                List<Issuance> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(map(rs));
                    }
                }
                return List.copyOf(out);
            }
        });
    }

    @Override
    public int purgeIssuedBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return jdbc.write("purge issuances", c -> {
            try (PreparedStatement ps = c.prepareStatement(PURGE)) {
                Jdbc.setInstant(ps, 1, cutoff);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Issuance> findByJti(String jti) {
        Objects.requireNonNull(jti, "jti");
        return jdbc.read("find issuance", c -> {
            try (PreparedStatement ps = c.prepareStatement(BY_JTI)) {
                ps.setString(1, jti);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.<Issuance>empty();
                }
            }
        });
    }

    @Override
    public boolean revoke(String jti, Revocation revocation) {
        Objects.requireNonNull(jti, "jti");
        return revokeWhere("revoke token", AND_JTI, revocation, ps -> ps.setString(3, jti)) == 1;
    }

    @Override
    public int revokeClientTokens(String clientId, Instant now, Revocation revocation) {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(now, "now");
        return revokeWhere("revoke client tokens", AND_CLIENT_UNEXPIRED, revocation, ps -> {
            ps.setString(3, clientId);
            Jdbc.setInstant(ps, 4, now);
        });
    }

    @Override
    public int revokeResourceTokens(String resourceUri, Instant now, Revocation revocation) {
        Objects.requireNonNull(resourceUri, "resourceUri");
        Objects.requireNonNull(now, "now");
        return revokeWhere("revoke resource tokens", AND_RESOURCE_UNEXPIRED, revocation, ps -> {
            ps.setString(3, resourceUri);
            Jdbc.setInstant(ps, 4, now);
        });
    }

    @Override
    public List<Revocation.RevokedToken> revokedSince(Instant since, Instant now) {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(now, "now");
        return jdbc.read("list revoked tokens", c -> {
            try (PreparedStatement ps = c.prepareStatement(REVOKED_SINCE)) {
                Jdbc.setInstant(ps, 1, since);
                Jdbc.setInstant(ps, 2, now);
                List<Revocation.RevokedToken> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Revocation.RevokedToken(rs.getString("jti"), Jdbc.getInstant(rs, "expires_at"),
                                Jdbc.getInstant(rs, "revoked_at")));
                    }
                }
                return List.copyOf(out);
            }
        });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** One {@code UPDATE} that revokes the unrevoked rows {@code where} selects; returns how many. */
    private int revokeWhere(String operation, String where, Revocation revocation, Binder binder) {
        Objects.requireNonNull(revocation, "revocation");
        return jdbc.write(operation, c -> {
            try (PreparedStatement ps = c.prepareStatement(REVOKE + where)) {
                Jdbc.setInstant(ps, 1, revocation.at());
                ps.setString(2, revocation.reason());
                binder.bind(ps);
                return ps.executeUpdate();
            }
        });
    }

    /** The listing statement for the filters {@code query} uses, built from the constants above. */
    static String sqlFor(IssuanceQuery query) {
        StringBuilder sql = new StringBuilder(SELECT_SINCE);
        if (query.client() != null) {
            sql.append(AND_CLIENT);
        }
        if (query.resource() != null) {
            sql.append(AND_RESOURCE);
        }
        if (query.until() != null) {
            sql.append(AND_UNTIL);
        }
        if (query.revoked()) {
            sql.append(AND_REVOKED);
        }
        return sql.append(NEWEST_FIRST).toString();
    }

    /** Binds the parameters of {@link #sqlFor(IssuanceQuery)}. */
    static void bindQuery(PreparedStatement ps, IssuanceQuery query) throws SQLException {
        int i = 1;
        Jdbc.setInstant(ps, i++, query.since());
        if (query.client() != null) {
            ps.setString(i++, query.client());
        }
        if (query.resource() != null) {
            ps.setString(i++, query.resource());
            ps.setString(i++, query.resource());
        }
        if (query.until() != null) {
            Jdbc.setInstant(ps, i++, query.until());
        }
        ps.setInt(i, query.limit());
    }

    private static void bind(PreparedStatement ps, Issuance issuance, String scopes) throws SQLException {
        ps.setString(1, issuance.jti());
        ps.setString(2, issuance.clientId());
        ps.setString(3, issuance.clientName());
        ps.setString(4, issuance.subject());
        ps.setString(5, issuance.resourceId());
        ps.setString(6, issuance.resourceUri());
        ps.setString(7, scopes);
        ps.setString(8, issuance.grantType());
        ps.setString(9, issuance.tokenType());
        ps.setString(10, issuance.dpopJkt());
        Jdbc.setInstant(ps, 11, issuance.issuedAt());
        Jdbc.setInstant(ps, 12, issuance.expiresAt());
        ps.setString(13, issuance.authMethod());
        ps.setString(14, issuance.assertionKid());
        ps.setString(15, issuance.traceId());
    }

    private static Issuance map(ResultSet rs) throws SQLException {
        String scopes = rs.getString("scopes");
        return Issuance.builder().jti(rs.getString("jti"))
                .client(rs.getString("client_id"), rs.getString("client_name")).subject(rs.getString("subject"))
                .resource(rs.getString("resource_id"), rs.getString("resource_uri"))
                .scopes(scopes.isEmpty() ? List.of() : Arrays.asList(scopes.split(" ")))
                .grantType(rs.getString("grant_type")).tokenType(rs.getString("token_type"), rs.getString("dpop_jkt"))
                .lifetime(Jdbc.getInstant(rs, "issued_at"), Jdbc.getInstant(rs, "expires_at"))
                .authentication(rs.getString("auth_method"), rs.getString("assertion_kid"))
                .revocation(revocation(rs)).traceId(rs.getString("trace_id")).build();
    }

    private static Revocation revocation(ResultSet rs) throws SQLException {
        Instant at = Jdbc.getInstant(rs, "revoked_at");
        return at == null ? null : new Revocation(at, rs.getString("revocation_reason"));
    }

    /** The scope column: scope tokens joined by one space, which no valid token contains. */
    private static String scopeColumn(Issuance issuance) {
        for (String scope : issuance.scopes()) {
            if (!ScopeDefinition.isValidScopeToken(scope)) {
                throw new IllegalArgumentException("issuance " + issuance.jti() + " has an invalid scope token");
            }
        }
        return issuance.scopeString();
    }
}
