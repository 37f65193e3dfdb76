package dev.authplane.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A migrated test database with two connection pools, as two server nodes would hold them. One
 * instance per database kind lives for the whole test JVM; {@link #clean()} empties every table.
 *
 * <p>PostgreSQL comes from {@value #POSTGRES_URL_ENV} (set by {@code .ci/postgres.sh start}).
 * When it is unset the PostgreSQL tests are skipped, except with {@code CI=true}, where they fail.
 */
final class TestDatabase {

    static final String POSTGRES_URL_ENV = "AUTHPLANE_TEST_POSTGRES_URL";

    /** A key-encryption key for tests: base64 of the 32 bytes 0, 1, ..., 31. */
    static final String KEK = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private static final List<String> TABLES = List.of("authplane_client_grant_type", "authplane_client_scope",
            "authplane_client", "authplane_resource_scope", "authplane_resource", "authplane_issuance",
            "authplane_signing_key", "authplane_dpop_jti", "authplane_admin_event");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private static TestDatabase h2;
    private static TestDatabase postgres;

    private final HikariDataSource dataSource;
    private final HikariDataSource secondNode;

    private TestDatabase(String url) {
        this.dataSource = pool(url, "node-1");
        this.secondNode = pool(url, "node-2");
        AuthPlaneSchema.migrate(dataSource);
    }

    /** The shared, migrated H2 in-memory database. */
    static synchronized TestDatabase h2() {
        if (h2 == null) {
            h2 = new TestDatabase(freshH2Url());
        }
        return h2;
    }

    /** The shared, migrated PostgreSQL database (schema {@code authplane_contract}), or a skip/failure. */
    static synchronized TestDatabase postgres() {
        if (postgres == null) {
            postgres = new TestDatabase(freshPostgresUrl("authplane_contract"));
        }
        return postgres;
    }

    /** The URL of a new, empty H2 in-memory database. */
    static String freshH2Url() {
        return "jdbc:h2:mem:authplane-" + SEQUENCE.incrementAndGet() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000";
    }

    /** A URL whose connections use {@code schema}, created empty (dropped first if it exists). */
    static String freshPostgresUrl(String schema) {
        String base = postgresBaseUrl();
        try (Connection c = java.sql.DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("could not prepare PostgreSQL schema " + schema, e);
        }
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** The configured PostgreSQL URL; aborts (skips) the test when unset, fails it when CI=true. */
    static String postgresBaseUrl() {
        String url = System.getenv(POSTGRES_URL_ENV);
        if (url == null || url.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(POSTGRES_URL_ENV + " is not set but CI=true: the PostgreSQL tests must run in CI"
                        + " (start a database with: eval \"$(.ci/postgres.sh start)\")");
            }
            Assumptions.abort(POSTGRES_URL_ENV + " is not set; PostgreSQL tests skipped");
        }
        return url;
    }

    static HikariDataSource pool(String url, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName(name + "-" + SEQUENCE.incrementAndGet());
        config.setMaximumPoolSize(20);
        config.setMinimumIdle(0);
        return new HikariDataSource(config);
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** A second pool on the same database: what another server node would use. */
    DataSource secondNode() {
        return secondNode;
    }

    /** Deletes every row of every AuthPlane table. @return {@link #dataSource()} */
    DataSource clean() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                s.executeUpdate("DELETE FROM " + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not clean the test database", e);
        }
        return dataSource;
    }
}
