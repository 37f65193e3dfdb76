package dev.authplane.core.resource;

class InMemoryResourceRepositoryTest extends ResourceRepositoryContractTest {

    @Override
    protected ResourceRepository createRepository() {
        return new InMemoryResourceRepository();
    }
}
