package dev.authplane.jdbc;

import dev.authplane.core.audit.AdminAction;
import dev.authplane.core.audit.AdminActor;
import dev.authplane.core.audit.AdminAuditLog;
import dev.authplane.core.audit.AdminEvent;
import dev.authplane.core.audit.AdminEventQuery;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * {@link AdminAuditLog} on table {@code authplane_admin_event}. A change runs in a shared
 * transaction (see {@link Jdbc}): the other JDBC adapters on the same {@link DataSource} join it,
 * so the change's rows and its event row commit together or not at all. Thread-safe.
 */
public final class JdbcAdminAuditLog implements AdminAuditLog {

    static final String INSERT = "INSERT INTO authplane_admin_event (id, occurred_at, action, object_id, actor,"
            + " remote_address, detail) VALUES (?, ?, ?, ?, ?, ?, ?)";
    static final String SELECT = "SELECT id, occurred_at, action, object_id, actor, remote_address, detail"
            + " FROM authplane_admin_event WHERE occurred_at >= ? ORDER BY occurred_at DESC, id DESC"
            + " FETCH FIRST ? ROWS ONLY";

    private final Jdbc jdbc;

    /** An audit log on {@code dataSource}; give the other adapters the same data source. */
    public JdbcAdminAuditLog(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public <T> T recordChange(Supplier<T> change, Function<T, AdminEvent> describe) {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(describe, "describe");
        return jdbc.sharedTransaction("record admin change", c -> {
            T result = change.get();
            AdminEvent event = Objects.requireNonNull(describe.apply(result), "event");
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setString(1, event.id());
                Jdbc.setInstant(ps, 2, event.at());
                ps.setString(3, event.action().value());
                ps.setString(4, event.objectId());
                ps.setString(5, event.actor().credential());
                ps.setString(6, event.actor().remoteAddress());
                ps.setString(7, event.detail());
                ps.executeUpdate();
            }
            return result;
        });
    }

    @Override
    public List<AdminEvent> find(AdminEventQuery query) {
        Objects.requireNonNull(query, "query");
        return jdbc.read("list admin events", c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT)) {
                Jdbc.setInstant(ps, 1, query.since());
                ps.setInt(2, query.limit());
                try (ResultSet rs = ps.executeQuery()) {
                    List<AdminEvent> events = new ArrayList<>();
                    while (rs.next()) {
                        events.add(map(rs));
                    }
                    return events;
                }
            }
        });
    }

    private static AdminEvent map(ResultSet rs) throws SQLException {
        return new AdminEvent(rs.getString("id"), Jdbc.getInstant(rs, "occurred_at"),
                AdminAction.fromValue(rs.getString("action")), rs.getString("object_id"),
                new AdminActor(rs.getString("actor"), rs.getString("remote_address")), rs.getString("detail"));
    }
}
