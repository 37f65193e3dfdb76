package dev.authplane.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.authplane.core.audit.IssuanceQuery;
import dev.authplane.core.audit.TestIssuances;
import dev.authplane.core.client.TestClients;
import dev.authplane.core.storage.DuplicateKeyException;
import dev.authplane.core.storage.StorageException;
import dev.authplane.core.storage.StorageUnavailableException;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;

import static dev.authplane.testsupport.TestTimes.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Driver failures reach core only as its storage exceptions, with messages that carry no SQL:
 * unique violations as {@link DuplicateKeyException}, an unreachable database as
 * {@link StorageUnavailableException} (the token endpoint's 503), anything else as
 * {@link StorageException}.
 */
class StorageErrorTranslationTest {

    @Test
    void unreachableDatabaseThenStorageUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + closedPort + "/nowhere?user=nobody&connectTimeout=1");
        config.setConnectionTimeout(500);
        config.setInitializationFailTimeout(-1);
        try (HikariDataSource unreachable = new HikariDataSource(config)) {
            JdbcIssuanceRepository issuances = new JdbcIssuanceRepository(unreachable);

            assertThatThrownBy(() -> issuances.record(TestIssuances.issuance().build()))
                    .isInstanceOf(StorageUnavailableException.class)
                    .hasMessage("could not record issuance: the database is unavailable");
            assertThatThrownBy(() -> new JdbcClientRepository(unreachable).findByName("x"))
                    .isInstanceOf(StorageUnavailableException.class);
        }
    }

    @Test
    void missingSchemaThenStorageExceptionWithoutSql() {
        DataSource empty = TestDatabase.pool(TestDatabase.freshH2Url(), "no-schema");

        assertThatThrownBy(() -> new JdbcIssuanceRepository(empty).find(IssuanceQuery.lastDay(T0)))
                .isExactlyInstanceOf(StorageException.class)
                .hasMessage("could not list issuances")
                .hasMessageNotContaining("SELECT");
        ((HikariDataSource) empty).close();
    }

    @Test
    void duplicateClientNameThenDuplicateKeyNamingTheName() {
        JdbcClientRepository clients = new JdbcClientRepository(TestDatabase.h2().clean());
        clients.insert(TestClients.client().name("backend-worker").build());

        assertThatThrownBy(() -> clients.insert(TestClients.client().name("backend-worker").build()))
                .isInstanceOf(DuplicateKeyException.class)
                .hasMessage("a client named 'backend-worker' already exists");
    }

    @Test
    void uniqueViolationInsideABatchIsFoundThroughTheNextException() {
        SQLException cause = new SQLException("duplicate key", "23505");
        BatchUpdateException batch = new BatchUpdateException("batch entry 1 failed", "XX000", new int[0]);
        batch.setNextException(cause);

        assertThat(SqlErrors.translate(batch, "record issuances")).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void connectionClassStatesAndTransientConnectionFailuresAreUnavailable() {
        assertThat(SqlErrors.translate(new SQLException("refused", "08001"), "x"))
                .isInstanceOf(StorageUnavailableException.class);
        assertThat(SqlErrors.translate(new SQLTransientConnectionException("pool timeout"), "x"))
                .isInstanceOf(StorageUnavailableException.class);
        assertThat(SqlErrors.translate(new SQLException("admin shutdown", "57P01"), "x"))
                .isInstanceOf(StorageUnavailableException.class);
    }

    @Test
    void otherFailuresAreStorageExceptionsNamingOnlyTheOperation() {
        StorageException e = SqlErrors.translate(
                new SQLException("ERROR: syntax error at or near \"SELECT secret_hash\"", "42601"), "read client");

        assertThat(e).isExactlyInstanceOf(StorageException.class).hasMessage("could not read client");
    }
}
