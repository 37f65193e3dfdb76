package dev.authplane.jdbc;

import dev.authplane.core.client.ClientRepository;
import dev.authplane.core.client.ClientRepositoryContractTest;

class H2ClientRepositoryTest extends ClientRepositoryContractTest {

    @Override
    protected ClientRepository createRepository() {
        return new JdbcClientRepository(TestDatabase.h2().clean());
    }
}
