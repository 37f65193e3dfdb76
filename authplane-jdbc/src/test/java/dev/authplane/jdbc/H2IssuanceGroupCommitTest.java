package dev.authplane.jdbc;

class H2IssuanceGroupCommitTest extends AbstractIssuanceGroupCommitTest {

    @Override
    protected TestDatabase database() {
        return TestDatabase.h2();
    }
}
