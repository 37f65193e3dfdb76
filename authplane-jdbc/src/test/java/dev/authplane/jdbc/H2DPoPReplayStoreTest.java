package dev.authplane.jdbc;

import dev.authplane.dpop.DPoPReplayStore;
import dev.authplane.dpop.DPoPReplayStoreContractTest;

class H2DPoPReplayStoreTest extends DPoPReplayStoreContractTest {

    @Override
    protected DPoPReplayStore createStore() {
        return new JdbcDPoPReplayStore(TestDatabase.h2().clean());
    }

    @Override
    protected DPoPReplayStore anotherNode(DPoPReplayStore store) {
        return new JdbcDPoPReplayStore(TestDatabase.h2().secondNode());
    }
}
