package dev.authplane.dpop;

class InMemoryDPoPReplayStoreTest extends DPoPReplayStoreContractTest {

    @Override
    protected DPoPReplayStore createStore() {
        return new InMemoryDPoPReplayStore();
    }
}
