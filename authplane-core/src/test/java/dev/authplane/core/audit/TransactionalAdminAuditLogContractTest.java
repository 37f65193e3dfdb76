package dev.authplane.core.audit;

import dev.authplane.core.client.Client;
import dev.authplane.core.client.TestClients;
import dev.authplane.testsupport.TestTimes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link AdminAuditLog} contract for a store with transactions: besides the base contract, an
 * event that cannot be written rolls its change back (the in-memory log's append cannot fail, so
 * it has nothing to roll back and extends the base contract only).
 */
public abstract class TransactionalAdminAuditLogContractTest extends AdminAuditLogContractTest {

    @Test
    void aFailingEventWriteRollsTheChangeBack() {
        log.recordChange(() -> 1, r -> event("taken", 0, AdminAction.CLIENT_UPDATED, "c", null));
        Client client = TestClients.client().build();

        assertThatThrownBy(() -> log.recordChange(() -> {
            clients.insert(client);
            return client;
        }, c -> event("taken", 1, AdminAction.CLIENT_CREATED, c.clientId(), null)))
                .isInstanceOf(RuntimeException.class);

        assertThat(clients.findByClientId(client.clientId())).as("the change is rolled back").isEmpty();
        assertThat(log.find(new AdminEventQuery(TestTimes.T0, 10))).extracting(AdminEvent::id).containsExactly("taken");
        Client control = TestClients.client().build();
        log.recordChange(() -> {
            clients.insert(control);
            return control;
        }, c -> event("fresh", 2, AdminAction.CLIENT_CREATED, c.clientId(), null));
        assertThat(clients.findByClientId(control.clientId())).as("positive control").isPresent();
    }
}
