package dev.authplane.jdbc;

import dev.authplane.core.audit.TransactionalAdminAuditLogContractTest;

import javax.sql.DataSource;

class H2AdminAuditLogTest extends TransactionalAdminAuditLogContractTest {

    @Override
    protected Stores createStores() {
        DataSource dataSource = TestDatabase.h2().clean();
        return new Stores(new JdbcAdminAuditLog(dataSource), new JdbcClientRepository(dataSource));
    }
}
