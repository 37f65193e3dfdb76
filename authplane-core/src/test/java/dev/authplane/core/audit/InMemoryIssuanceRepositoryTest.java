package dev.authplane.core.audit;

class InMemoryIssuanceRepositoryTest extends IssuanceRepositoryContractTest {

    @Override
    protected IssuanceRepository createRepository() {
        return new InMemoryIssuanceRepository();
    }
}
