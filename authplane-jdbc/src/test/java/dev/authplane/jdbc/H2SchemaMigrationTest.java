package dev.authplane.jdbc;

class H2SchemaMigrationTest extends AbstractSchemaMigrationTest {

    @Override
    protected String emptyDatabaseUrl() {
        return TestDatabase.freshH2Url();
    }
}
