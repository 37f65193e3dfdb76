package dev.authplane.core.dpop;

class InMemoryDPoPReplayStoreTest extends DPoPReplayStoreContractTest {

    @Override
    protected DPoPReplayStore createStore() {
        return new InMemoryDPoPReplayStore();
    }
}
