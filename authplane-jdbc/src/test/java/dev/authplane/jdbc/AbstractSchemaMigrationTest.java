package dev.authplane.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.authplane.core.audit.Issuance;
import dev.authplane.core.audit.IssuanceQuery;
import dev.authplane.core.audit.TestIssuances;
import dev.authplane.core.client.Client;
import dev.authplane.core.client.TestClients;
import dev.authplane.core.key.SigningKey;
import dev.authplane.core.key.TestSigningKeys;
import dev.authplane.core.storage.StorageException;
import dev.authplane.testsupport.TestTimes;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Schema lifecycle on an empty database of one kind: fresh install, re-run, upgrade from the
 * previous version, an embedder's own Flyway, and uniqueness rules that live in the schema itself.
 */
abstract class AbstractSchemaMigrationTest {

    private HikariDataSource dataSource;

    /** The URL of a new, empty database (or schema). */
    protected abstract String emptyDatabaseUrl();

    @BeforeEach
    void openEmptyDatabase() {
        dataSource = TestDatabase.pool(emptyDatabaseUrl(), "migration");
    }

    @AfterEach
    void closeDatabase() {
        if (dataSource != null) {
            dataSource.close();
        }
    }

    @Test
    void migrateAppliesEveryVersionAndRunningItAgainIsANoOp() throws SQLException {
        assertThat(AuthPlaneSchema.migrate(dataSource)).isEqualTo(3);

        assertThat(AuthPlaneSchema.migrate(dataSource)).isZero();
        assertThat(indexNames("authplane_issuance")).contains("authplane_issuance_issued_at_ix")
                .doesNotContain("authplane_issuance_client_name_ix");
    }

    @Test
    void databaseAtThePreviousVersionUpgradesAndKeepsItsRows() throws SQLException {
        assertThat(AuthPlaneSchema.migrate(dataSource, "2")).isEqualTo(2);
        assertThat(indexNames("authplane_issuance")).contains("authplane_issuance_client_name_ix");
        execute("INSERT INTO authplane_client (client_id, name, secret_hash, auth_method, status, created_at,"
                + " updated_at) VALUES ('cid-v2', 'v2-client', '" + TestClients.client().build().secretHash()
                + "', 'client_secret_post', 'ACTIVE', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        execute("INSERT INTO authplane_client_grant_type (client_id, grant_type) VALUES ('cid-v2', 'client_credentials')");
        Client client = TestClients.client().build();
        Issuance issuance = TestIssuances.issuance().build();
        SigningKey key = TestSigningKeys.active();
        new JdbcIssuanceRepository(dataSource).record(issuance);
        new JdbcSigningKeyRepository(dataSource, TestDatabase.KEK).insertIfNoActive(key);
        new JdbcDPoPReplayStore(dataSource).markUsed("proof-jti", TestTimes.t0Plus(60));

        assertThat(AuthPlaneSchema.migrate(dataSource)).isEqualTo(1);

        assertThat(indexNames("authplane_issuance")).contains("authplane_issuance_issued_at_ix")
                .doesNotContain("authplane_issuance_client_name_ix");
        JdbcClientRepository clients = new JdbcClientRepository(dataSource);
        assertThat(clients.findByClientId("cid-v2").orElseThrow().resources()).as("a version 2 client has no list").isEmpty();
        Client listed = client.toBuilder().resources(List.of("my-mcp")).build();
        clients.insert(listed);
        assertThat(clients.findByClientId(client.clientId())).contains(listed);
        assertThat(new JdbcIssuanceRepository(dataSource).find(IssuanceQuery.lastDay(TestTimes.t0Plus(1))))
                .containsExactly(issuance);
        assertThat(new JdbcSigningKeyRepository(dataSource, TestDatabase.KEK).findActive()).contains(key);
        assertThat(new JdbcDPoPReplayStore(dataSource).markUsed("proof-jti", TestTimes.t0Plus(60))).isFalse();
    }

    @Test
    void anAppliedMigrationThatNoLongerMatchesItsScriptIsRefused() throws SQLException {
        AuthPlaneSchema.migrate(dataSource);
        execute("UPDATE \"authplane_schema_history\" SET \"checksum\" = 12345 WHERE \"version\" = '1'");

        assertThatThrownBy(() -> AuthPlaneSchema.migrate(dataSource))
                .isInstanceOf(StorageException.class).hasMessageStartingWith("could not migrate the AuthPlane schema");
    }

    @Test
    void embeddersOwnFlywayPointedAtTheLocationBuildsTheSameSchema() {
        Flyway.configure().dataSource(dataSource).locations(AuthPlaneSchema.locationFor(dataSource)).load().migrate();

        Client client = TestClients.client().build();
        new JdbcClientRepository(dataSource).insert(client);
        assertThat(new JdbcClientRepository(dataSource).findByName(client.name())).contains(client);
    }

    @Test
    void migrateNextToAnApplicationsOwnTables() throws SQLException {
        execute("CREATE TABLE app_orders (id INTEGER PRIMARY KEY)");

        assertThat(AuthPlaneSchema.migrate(dataSource)).isEqualTo(3);
        assertThat(indexNames("authplane_client")).isNotEmpty();
    }

    @Test
    void schemaItselfAllowsOnlyOneActiveSigningKey() throws SQLException {
        AuthPlaneSchema.migrate(dataSource);
        String insert = "INSERT INTO authplane_signing_key (kid, algorithm, private_jwk, private_jwk_protection,"
                + " status, active_marker, created_at) VALUES ('%s', 'ES256', '{}', 'none', 'ACTIVE', 1,"
                + " TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00')";
        execute(String.format(insert, "k1"));

        assertThatThrownBy(() -> execute(String.format(insert, "k2")))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(SqlErrors.isUniqueViolation(e)).isTrue());
        assertThatThrownBy(() -> execute("INSERT INTO authplane_signing_key (kid, algorithm, private_jwk,"
                + " private_jwk_protection, status, active_marker, created_at) VALUES ('k3', 'ES256', '{}', 'none',"
                + " 'ACTIVE', NULL, TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00')"))
                .as("an active key without the marker breaks the state check").isInstanceOf(SQLException.class);
    }

    @Test
    void schemaItselfKeepsIssuanceJtiUnique() throws SQLException {
        AuthPlaneSchema.migrate(dataSource);
        String insert = "INSERT INTO authplane_issuance (jti, client_id, client_name, subject, resource_uri, scopes,"
                + " grant_type, token_type, issued_at, expires_at) VALUES ('same', 'c', 'n', 'c', 'https://r', '',"
                + " 'client_credentials', 'Bearer', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00',"
                + " TIMESTAMP WITH TIME ZONE '2026-01-01 01:00:00+00')";
        execute(insert);

        assertThatThrownBy(() -> execute(insert))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(SqlErrors.isUniqueViolation(e)).isTrue());
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Lower-cased names of the indexes on {@code table} in the connection's schema. */
    private Set<String> indexNames(String table) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            String stored = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
            try (ResultSet rs = meta.getIndexInfo(c.getCatalog(), c.getSchema(), stored, false, false)) {
                while (rs.next()) {
                    String name = rs.getString("INDEX_NAME");
                    if (name != null) {
                        names.add(name.toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return names;
    }
}
