package dev.authplane.core.key;

class InMemorySigningKeyRepositoryTest extends SigningKeyRepositoryContractTest {

    @Override
    protected SigningKeyRepository createRepository() {
        return new InMemorySigningKeyRepository();
    }
}
