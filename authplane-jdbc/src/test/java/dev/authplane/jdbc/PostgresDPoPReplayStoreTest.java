package dev.authplane.jdbc;

import dev.authplane.dpop.DPoPReplayStore;
import dev.authplane.dpop.DPoPReplayStoreContractTest;

class PostgresDPoPReplayStoreTest extends DPoPReplayStoreContractTest {

    @Override
    protected DPoPReplayStore createStore() {
        return new JdbcDPoPReplayStore(TestDatabase.postgres().clean());
    }

    @Override
    protected DPoPReplayStore anotherNode(DPoPReplayStore store) {
        return new JdbcDPoPReplayStore(TestDatabase.postgres().secondNode());
    }
}
