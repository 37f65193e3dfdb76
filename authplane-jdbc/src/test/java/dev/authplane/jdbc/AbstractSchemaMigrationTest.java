package dev.authplane.jdbc;

import dev.authplane.core.audit.AdminAction;
import dev.authplane.core.audit.AdminActor;
import dev.authplane.core.audit.AdminEvent;
import dev.authplane.core.audit.AdminEventQuery;
import com.zaxxer.hikari.HikariDataSource;
import dev.authplane.core.audit.Issuance;
import dev.authplane.core.audit.IssuanceQuery;
import dev.authplane.core.audit.TestIssuances;
import dev.authplane.core.client.Client;
import dev.authplane.core.client.ClientAuthMethod;
import dev.authplane.core.client.ClientKeys;
import dev.authplane.core.client.SecretValidity;
import dev.authplane.core.client.TestClients;
import dev.authplane.core.key.SigningKey;
import dev.authplane.core.key.TestSigningKeys;
import dev.authplane.core.storage.StorageException;
import dev.authplane.testsupport.ClientAssertionBuilder;
import dev.authplane.testsupport.TestTimes;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
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
        assertThat(AuthPlaneSchema.migrate(dataSource)).isEqualTo(Integer.parseInt(AuthPlaneSchema.LATEST_VERSION));

        assertThat(AuthPlaneSchema.migrate(dataSource)).isZero();
        assertThat(indexNames("authplane_issuance")).contains("authplane_issuance_issued_at_ix")
                .doesNotContain("authplane_issuance_client_name_ix");
    }

    @Test
    void databaseAtThePreviousVersionUpgradesAndKeepsItsRows() throws SQLException {
        assertThat(AuthPlaneSchema.migrate(dataSource, "5")).isEqualTo(5);
        execute("INSERT INTO authplane_client (client_id, name, secret_hash, auth_method, status, created_at,"
                + " updated_at, introspect) VALUES ('cid-v5', 'v5-client', '" + TestClients.client().build().secretHash()
                + "', 'client_secret_post', 'ACTIVE', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, TRUE)");
        execute("INSERT INTO authplane_client_grant_type (client_id, grant_type) VALUES ('cid-v5', 'client_credentials')");
        execute("INSERT INTO authplane_issuance (jti, client_id, client_name, subject, resource_id, resource_uri, scopes,"
                + " grant_type, token_type, dpop_jkt, issued_at, expires_at, auth_method, assertion_kid, revoked_at,"
                + " revocation_reason) VALUES ('jti-v5', 'cid-v5', 'v5-client', 'cid-v5', NULL,"
                + " 'https://mcp.example.com/mcp', '', 'client_credentials', 'Bearer', NULL,"
                + " TIMESTAMP WITH TIME ZONE '2026-05-01 10:00:00+00', TIMESTAMP WITH TIME ZONE '2026-05-01 11:00:00+00',"
                + " 'client_secret_post', NULL, TIMESTAMP WITH TIME ZONE '2026-05-01 10:30:00+00', 'revoked by its client')");
        SigningKey key = TestSigningKeys.active();
        new JdbcSigningKeyRepository(dataSource, TestDatabase.KEK).insertIfNoActive(key);
        new JdbcDPoPReplayStore(dataSource).markUsed("proof-jti", TestTimes.t0Plus(60));

        assertThat(AuthPlaneSchema.migrate(dataSource)).isEqualTo(Integer.parseInt(AuthPlaneSchema.LATEST_VERSION) - 5);

        JdbcClientRepository clients = new JdbcClientRepository(dataSource);
        Client v5 = clients.findByClientId("cid-v5").orElseThrow();
        assertThat(v5.authMethod()).isEqualTo(ClientAuthMethod.CLIENT_SECRET_POST);
        assertThat(v5.mayIntrospect()).isTrue();
        assertThat(v5.secretValidity()).isEqualTo(SecretValidity.NONE);
        assertThat(v5.tokenLifetime()).isEmpty();
        Client rotated = v5.toBuilder().secretHash(TestClients.client().build().secretHash())
                .secretValidity(new SecretValidity(TestTimes.t0Plus(86_400), v5.secretHash(), TestTimes.t0Plus(3_600)))
                .tokenLifetime(Duration.ofMinutes(15)).build();
        assertThat(clients.update(rotated)).isTrue();
        assertThat(clients.findByClientId("cid-v5")).contains(rotated);
        assertThat(new JdbcIssuanceRepository(dataSource).find(IssuanceQuery.lastDay(TestTimes.t0Plus(1))))
                .singleElement().satisfies(row -> {
                    assertThat(row.jti()).isEqualTo("jti-v5");
                    assertThat(row.authMethod()).isEqualTo("client_secret_post");
                    assertThat(row.revocation().reason()).isEqualTo("revoked by its client");
                    assertThat(row.traceId()).as("rows from before version 7 have no trace id").isNull();
                });
        JdbcAdminAuditLog audit = new JdbcAdminAuditLog(dataSource);
        AdminEvent event = new AdminEvent("ev-1", TestTimes.T0, AdminAction.CLIENT_UPDATED, "cid-v5",
                new AdminActor("admin-key:0123abcd", "127.0.0.1"), null);
        audit.recordChange(() -> clients.update(rotated), updated -> event);
        assertThat(audit.find(new AdminEventQuery(TestTimes.T0, 5))).containsExactly(event);
        assertThat(new JdbcSigningKeyRepository(dataSource, TestDatabase.KEK).findActive()).contains(key);
        assertThat(new JdbcDPoPReplayStore(dataSource).markUsed("proof-jti", TestTimes.t0Plus(60))).isFalse();
    }

    @Test
    void theSchemaRefusesAKeyClientWithASecretOrWithoutKeys() throws SQLException {
        AuthPlaneSchema.migrate(dataSource);
        String insert = "INSERT INTO authplane_client (client_id, name, secret_hash, auth_method, jwks, jwks_uri, status,"
                + " created_at, updated_at) VALUES ('%s', '%s', %s, '%s', %s, %s, 'ACTIVE', CURRENT_TIMESTAMP,"
                + " CURRENT_TIMESTAMP)";
        String hash = "'" + TestClients.client().build().secretHash() + "'";
        execute(String.format(insert, "ok-key", "ok-key", "NULL", "private_key_jwt", "'{\"keys\":[]}'", "NULL"));
        execute(String.format(insert, "ok-secret", "ok-secret", hash, "client_secret_basic", "NULL", "NULL"));

        assertThatThrownBy(() -> execute(String.format(insert, "c1", "c1", hash, "private_key_jwt", "'{}'", "NULL")))
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> execute(String.format(insert, "c2", "c2", "NULL", "private_key_jwt", "NULL", "NULL")))
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> execute(String.format(insert, "c3", "c3", "NULL", "client_secret_basic", "NULL", "NULL")))
                .isInstanceOf(SQLException.class);
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

        assertThat(AuthPlaneSchema.migrate(dataSource)).isEqualTo(Integer.parseInt(AuthPlaneSchema.LATEST_VERSION));
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
