package dev.authplane.core.audit;

import dev.authplane.core.client.InMemoryClientRepository;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryAdminAuditLogTest extends AdminAuditLogContractTest {

    @Override
    protected Stores createStores() {
        return new Stores(new InMemoryAdminAuditLog(), new InMemoryClientRepository());
    }

    @Test
    void everyActionHasAStoredFormThatParsesBack() {
        for (AdminAction action : everyAction()) {
            assertThat(AdminAction.fromValue(action.value())).isEqualTo(action);
            assertThat(action.value()).startsWith(action.objectType() + ".");
        }
        assertThat(AdminAction.CLIENT_SECRET_ROTATED.value()).isEqualTo("client.secret_rotated");
        assertThat(AdminAction.SIGNING_KEY_REVOKED.value()).isEqualTo("signing_key.revoked");
    }
}
