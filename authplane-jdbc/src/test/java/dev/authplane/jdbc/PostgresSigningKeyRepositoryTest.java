package dev.authplane.jdbc;

import dev.authplane.core.key.SigningKeyRepository;
import dev.authplane.core.key.SigningKeyRepositoryContractTest;

class PostgresSigningKeyRepositoryTest extends SigningKeyRepositoryContractTest {

    @Override
    protected SigningKeyRepository createRepository() {
        return new JdbcSigningKeyRepository(TestDatabase.postgres().clean(), TestDatabase.KEK);
    }

    @Override
    protected SigningKeyRepository anotherNode(SigningKeyRepository repository) {
        return new JdbcSigningKeyRepository(TestDatabase.postgres().secondNode(), TestDatabase.KEK);
    }
}
