package dev.authplane.jdbc;

import dev.authplane.core.resource.ResourceRepository;
import dev.authplane.core.resource.ResourceRepositoryContractTest;

class PostgresResourceRepositoryTest extends ResourceRepositoryContractTest {

    @Override
    protected ResourceRepository createRepository() {
        return new JdbcResourceRepository(TestDatabase.postgres().clean());
    }
}
