package dev.authplane.jdbc;

import dev.authplane.core.audit.TransactionalAdminAuditLogContractTest;

import javax.sql.DataSource;

class PostgresAdminAuditLogTest extends TransactionalAdminAuditLogContractTest {

    @Override
    protected Stores createStores() {
        DataSource dataSource = TestDatabase.postgres().clean();
        return new Stores(new JdbcAdminAuditLog(dataSource), new JdbcClientRepository(dataSource));
    }
}
