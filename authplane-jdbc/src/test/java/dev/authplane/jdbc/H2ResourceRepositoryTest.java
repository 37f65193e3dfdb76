package dev.authplane.jdbc;

import dev.authplane.core.resource.ResourceRepository;
import dev.authplane.core.resource.ResourceRepositoryContractTest;

class H2ResourceRepositoryTest extends ResourceRepositoryContractTest {

    @Override
    protected ResourceRepository createRepository() {
        return new JdbcResourceRepository(TestDatabase.h2().clean());
    }
}
