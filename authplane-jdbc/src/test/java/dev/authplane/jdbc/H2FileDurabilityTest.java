package dev.authplane.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.authplane.core.audit.Issuance;
import dev.authplane.core.client.Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

import static dev.authplane.core.audit.TestIssuances.issuance;
import static dev.authplane.core.client.TestClients.client;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * On an H2 file database with H2's default {@code WRITE_DELAY} (commits kept in memory up to half a
 * second), a write is in the database file when the adapter's call returns: a copy of the file
 * taken at that moment (what a process killed right then leaves behind) already holds the row.
 */
class H2FileDurabilityTest {

    @TempDir
    Path dir;

    @Test
    void recordWhenCallReturnsThenRowIsInTheDatabaseFile() throws Exception {
        try (HikariDataSource pool = filePool()) {
            JdbcStorage storage = JdbcStorage.create(pool, TestDatabase.KEK);
            Issuance row = issuance().build();

            storage.issuances().record(row);

            assertThat(countInCopy("SELECT COUNT(*) FROM authplane_issuance WHERE jti = ?", row.jti())).isEqualTo(1);
        }
    }

    @Test
    void recordAllWhenCallReturnsThenEveryRowIsInTheDatabaseFile() throws Exception {
        try (HikariDataSource pool = filePool()) {
            JdbcStorage storage = JdbcStorage.create(pool, TestDatabase.KEK);
            List<Issuance> rows = List.of(issuance().build(), issuance().build(), issuance().build());

            storage.issuances().recordAll(rows);

            assertThat(countInCopy("SELECT COUNT(*) FROM authplane_issuance WHERE jti IN (?, ?, ?)",
                    rows.get(0).jti(), rows.get(1).jti(), rows.get(2).jti())).isEqualTo(3);
        }
    }

    @Test
    void insertClientWhenCallReturnsThenClientIsInTheDatabaseFile() throws Exception {
        try (HikariDataSource pool = filePool()) {
            JdbcStorage storage = JdbcStorage.create(pool, TestDatabase.KEK);
            Client created = client().build();

            storage.clients().insert(created);

            assertThat(countInCopy("SELECT COUNT(*) FROM authplane_client WHERE client_id = ?", created.clientId()))
                    .isEqualTo(1);
        }
    }

    private HikariDataSource filePool() {
        return TestDatabase.pool("jdbc:h2:file:" + dir.resolve("live") + ";DB_CLOSE_ON_EXIT=FALSE", "h2-durability");
    }

    /** Copies the live database file as it is on disk now and counts in the copy. */
    private int countInCopy(String sql, String... keys) throws Exception {
        Path copy = dir.resolve("copy-" + System.nanoTime());
        Files.copy(dir.resolve("live.mv.db"), Path.of(copy + ".mv.db"));
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + copy + ";ACCESS_MODE_DATA=r");
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < keys.length; i++) {
                ps.setString(i + 1, keys[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
