package dev.authplane.core.client;

class InMemoryClientRepositoryTest extends ClientRepositoryContractTest {

    @Override
    protected ClientRepository createRepository() {
        return new InMemoryClientRepository();
    }
}
