package dev.authplane.jdbc;

import dev.authplane.core.scope.ScopeDefinition;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ordered scope lists in a child table ({@code owner, sort_order, name, description}), shared by
 * the client and resource adapters, which pass their own SQL.
 */
final class ScopeRows {

    private ScopeRows() {
    }

    /** Inserts {@code scopes} in order; {@code insertSql} binds owner, sort order, name, description. */
    static void insert(Connection c, String insertSql, String ownerId, List<ScopeDefinition> scopes)
            throws SQLException {
        if (scopes.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(insertSql)) {
            for (int i = 0; i < scopes.size(); i++) {
                ps.setString(1, ownerId);
                ps.setInt(2, i);
                ps.setString(3, scopes.get(i).name());
                ps.setString(4, scopes.get(i).description());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Reads rows ordered by owner and sort order into lists per owner.
     *
     * @param ownerColumn the column holding the owner's id
     */
    static Map<String, List<ScopeDefinition>> byOwner(PreparedStatement query, String ownerColumn)
            throws SQLException {
        Map<String, List<ScopeDefinition>> out = new HashMap<>();
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(ownerColumn), k -> new ArrayList<>())
                        .add(new ScopeDefinition(rs.getString("name"), rs.getString("description")));
            }
        }
        return out;
    }
}
