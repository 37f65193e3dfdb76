package dev.authplane.jdbc;

import dev.authplane.core.key.SigningKeyRepository;
import dev.authplane.core.key.SigningKeyRepositoryContractTest;

class H2SigningKeyRepositoryTest extends SigningKeyRepositoryContractTest {

    @Override
    protected SigningKeyRepository createRepository() {
        return new JdbcSigningKeyRepository(TestDatabase.h2().clean(), TestDatabase.KEK);
    }

    @Override
    protected SigningKeyRepository anotherNode(SigningKeyRepository repository) {
        return new JdbcSigningKeyRepository(TestDatabase.h2().secondNode(), TestDatabase.KEK);
    }
}
