package dev.authplane.reliability;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The databases the tests run on: a file-backed H2 database in a fresh directory, or a fresh
 * database on the PostgreSQL cluster named by {@code AUTHPLANE_TEST_POSTGRES_URL} (see
 * {@code .ci/postgres.sh}). PostgreSQL tests are skipped only on a developer machine without that
 * variable; with {@code CI=true} a missing database fails the test.
 */
final class Databases {

    static final String POSTGRES_URL_ENV = "AUTHPLANE_TEST_POSTGRES_URL";

    /** Hikari's wait for a connection: bounds how long a request can wait on a dead database. */
    static final long CONNECTION_TIMEOUT_MILLIS = 2_000;

    private Databases() {
    }

    /** The JDBC URL of a file-backed H2 database in {@code dir}. */
    static String h2FileUrl(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("authplane").toAbsolutePath() + ";LOCK_TIMEOUT=10000";
    }

    /** The cluster's base URL, or the test is skipped (developer machine) or failed ({@code CI=true}). */
    static String requirePostgres() {
        String url = System.getenv(POSTGRES_URL_ENV);
        if (url == null || url.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(POSTGRES_URL_ENV + " is not set but CI=true: run eval \"$(.ci/postgres.sh start)\"");
            }
            Assumptions.abort(POSTGRES_URL_ENV + " is not set; PostgreSQL tests skipped (see .ci/postgres.sh)");
        }
        return url;
    }

    /** Creates an empty database on the test cluster and returns its JDBC URL. */
    static String freshPostgresDatabase(String prefix) {
        String base = requirePostgres();
        String name = ("rel_" + prefix + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT).replace('-', '_');
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return withDatabase(base, name);
    }

    /** {@code url} with its database name replaced by {@code database}. */
    static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String head = query < 0 ? url : url.substring(0, query);
        String tail = query < 0 ? "" : url.substring(query);
        return head.substring(0, head.lastIndexOf('/') + 1) + database + tail;
    }

    /** Every issuance row's {@code jti}, read straight from the database at {@code url}. */
    static java.util.Set<String> issuedJtis(String url) {
        return new java.util.HashSet<>(firstColumn(url, "SELECT jti FROM authplane_issuance", "issuance rows"));
    }

    /** The stored private signing keys (JWK JSON; the tests configure no key-encryption key). */
    static java.util.List<String> privateJwks(String url) {
        return firstColumn(url, "SELECT private_jwk FROM authplane_signing_key WHERE private_jwk_protection = 'none'",
                "signing keys");
    }

    private static java.util.List<String> firstColumn(String url, String sql, String what) {
        java.util.List<String> values = new java.util.ArrayList<>();
        try (Connection c = url.startsWith("jdbc:h2:") ? DriverManager.getConnection(url, "sa", "") : DriverManager.getConnection(url);
             Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + what, e);
        }
        return values;
    }

    /** A small Hikari pool on {@code url} whose connection wait is {@link #CONNECTION_TIMEOUT_MILLIS}. */
    static HikariDataSource pool(String url, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("reliability");
        config.setJdbcUrl(url);
        if (url.startsWith("jdbc:h2:")) {
            config.setUsername("sa");
            config.setPassword("");
        }
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        config.setValidationTimeout(1_000);
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }
}
