package dev.authplane.jdbc;

class PostgresIssuanceGroupCommitTest extends AbstractIssuanceGroupCommitTest {

    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}
