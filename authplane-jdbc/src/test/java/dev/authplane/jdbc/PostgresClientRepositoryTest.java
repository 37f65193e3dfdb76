package dev.authplane.jdbc;

import dev.authplane.core.client.ClientRepository;
import dev.authplane.core.client.ClientRepositoryContractTest;

class PostgresClientRepositoryTest extends ClientRepositoryContractTest {

    @Override
    protected ClientRepository createRepository() {
        return new JdbcClientRepository(TestDatabase.postgres().clean());
    }
}
