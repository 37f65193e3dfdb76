package dev.authplane.jdbc;

import dev.authplane.core.audit.AdminAuditLogContractTest;

import javax.sql.DataSource;

class H2AdminAuditLogTest extends AdminAuditLogContractTest {

    @Override
    protected Stores createStores() {
        DataSource dataSource = TestDatabase.h2().clean();
        return new Stores(new JdbcAdminAuditLog(dataSource), new JdbcClientRepository(dataSource));
    }
}
