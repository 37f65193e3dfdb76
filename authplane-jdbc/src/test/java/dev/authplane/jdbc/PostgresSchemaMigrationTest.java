package dev.authplane.jdbc;

class PostgresSchemaMigrationTest extends AbstractSchemaMigrationTest {

    @Override
    protected String emptyDatabaseUrl() {
        return TestDatabase.freshPostgresUrl("authplane_migration");
    }
}
