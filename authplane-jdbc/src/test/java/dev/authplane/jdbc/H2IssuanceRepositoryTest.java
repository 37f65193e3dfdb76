package dev.authplane.jdbc;

import dev.authplane.core.audit.IssuanceRepository;
import dev.authplane.core.audit.IssuanceRepositoryContractTest;

class H2IssuanceRepositoryTest extends IssuanceRepositoryContractTest {

    @Override
    protected IssuanceRepository createRepository() {
        return new JdbcIssuanceRepository(TestDatabase.h2().clean());
    }
}
