package dev.authplane.jdbc;

import dev.authplane.core.audit.IssuanceRepository;
import dev.authplane.core.audit.IssuanceRepositoryContractTest;

class PostgresIssuanceRepositoryTest extends IssuanceRepositoryContractTest {

    @Override
    protected IssuanceRepository createRepository() {
        return new JdbcIssuanceRepository(TestDatabase.postgres().clean());
    }
}
