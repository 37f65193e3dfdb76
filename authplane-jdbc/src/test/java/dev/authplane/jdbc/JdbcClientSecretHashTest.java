package dev.authplane.jdbc;

import dev.authplane.core.client.Client;
import dev.authplane.core.client.TestClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Only bcrypt hashes of client secrets reach the database (the domain model (README, admin CLI)), checked in Java and in the schema. */
class JdbcClientSecretHashTest {

    private DataSource dataSource;
    private JdbcClientRepository clients;

    @BeforeEach
    void cleanDatabase() {
        dataSource = TestDatabase.h2().clean();
        clients = new JdbcClientRepository(dataSource);
    }

    @Test
    void plaintextSecretInPlaceOfTheHashIsRefusedAndNotShown() {
        Client careless = TestClients.client().secretHash(TestClients.SECRET).build();

        assertThatThrownBy(() -> clients.insert(careless)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a bcrypt hash").hasMessageNotContaining(TestClients.SECRET);
        assertThat(clients.findByClientId(careless.clientId())).isEmpty();
    }

    @Test
    void updateWithAPlaintextSecretIsRefusedAndTheStoredHashKept() {
        Client client = TestClients.client().build();
        clients.insert(client);

        assertThatThrownBy(() -> clients.update(client.toBuilder().secretHash("new-plaintext-secret").build()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(clients.findByClientId(client.clientId())).contains(client);
    }

    @Test
    void schemaRefusesANonBcryptValueWrittenAroundTheAdapter() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO authplane_client (client_id, name, secret_hash,"
                    + " auth_method, status, created_at, updated_at) VALUES ('id', 'name', 'plaintext',"
                    + " 'client_secret_post', 'ACTIVE', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
                    .isInstanceOf(SQLException.class);
        }
    }
}
