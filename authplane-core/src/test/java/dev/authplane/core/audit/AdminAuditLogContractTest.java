package dev.authplane.core.audit;

import dev.authplane.core.client.Client;
import dev.authplane.core.client.ClientRepository;
import dev.authplane.core.client.TestClients;
import dev.authplane.testsupport.TestTimes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link AdminAuditLog} contract. An adapter's test extends this class and implements
 * {@link #createStores()}: an empty audit log and a client repository on the same store, so that
 * a change made through the repository and its event can be checked together. A store with
 * transactions extends {@link TransactionalAdminAuditLogContractTest}, which adds the rollback.
 */
public abstract class AdminAuditLogContractTest {

    /** An audit log and a client repository that share one store. */
    public record Stores(AdminAuditLog log, ClientRepository clients) {
    }

    private static final AdminActor OPERATOR = new AdminActor("admin-key:0123abcd", "203.0.113.7");

    protected AdminAuditLog log;
    protected ClientRepository clients;

    /** Empty stores; called before every test. */
    protected abstract Stores createStores();

    @BeforeEach
    void setUpStores() {
        Stores stores = createStores();
        log = stores.log();
        clients = stores.clients();
    }

    @Test
    void aRecordedChangeIsStoredWithItsEventAndEveryFieldRoundTrips() {
        Client client = TestClients.client().build();

        Client result = log.recordChange(() -> {
            clients.insert(client);
            return client;
        }, c -> event("e1", 0, AdminAction.CLIENT_CREATED, c.clientId(), "name " + c.name()));

        assertThat(result).isSameAs(client);
        assertThat(clients.findByClientId(client.clientId())).isPresent();
        assertThat(log.find(new AdminEventQuery(TestTimes.T0, 10)))
                .containsExactly(event("e1", 0, AdminAction.CLIENT_CREATED, client.clientId(), "name " + client.name()));
    }

    @Test
    void eventsAreListedNewestFirstFromSinceWithinTheLimit() {
        for (int i = 0; i < 4; i++) {
            int n = i;
            log.recordChange(() -> n, r -> event("e" + r, r * 60L, AdminAction.SIGNING_KEY_ROTATED, "kid" + r, null));
        }

        assertThat(log.find(new AdminEventQuery(TestTimes.T0, 10))).extracting(AdminEvent::id)
                .containsExactly("e3", "e2", "e1", "e0");
        assertThat(log.find(new AdminEventQuery(TestTimes.t0Plus(60), 2))).extracting(AdminEvent::id)
                .containsExactly("e3", "e2");
        assertThat(log.find(new AdminEventQuery(TestTimes.t0Plus(181), 10))).isEmpty();
    }

    @Test
    void anEventWithoutRemoteAddressOrDetailRoundTrips() {
        AdminEvent embedded = new AdminEvent("e1", TestTimes.T0, AdminAction.TOKEN_REVOKED, "jti-1",
                AdminActor.EMBEDDED, null);

        log.recordChange(() -> "done", r -> embedded);

        assertThat(log.find(new AdminEventQuery(TestTimes.T0, 1))).containsExactly(embedded);
    }

    @Test
    void aFailingChangeLeavesNoEventAndItsExceptionPassesUnchanged() {
        IllegalStateException refused = new IllegalStateException("refused");

        assertThatThrownBy(() -> log.recordChange(() -> {
            throw refused;
        }, r -> event("e1", 0, AdminAction.CLIENT_DELETED, "c", null))).isSameAs(refused);

        assertThat(log.find(new AdminEventQuery(TestTimes.T0, 10))).isEmpty();
    }

    static AdminEvent event(String id, long secondsAfterT0, AdminAction action, String objectId, String detail) {
        return new AdminEvent(id, TestTimes.t0Plus(secondsAfterT0), action, objectId, OPERATOR, detail);
    }

    static List<AdminAction> everyAction() {
        return List.of(AdminAction.values());
    }
}
