package dev.authplane.core;

import dev.authplane.core.admin.CreatedClient;
import dev.authplane.core.client.Client;
import dev.authplane.core.client.ClientRepository;
import dev.authplane.core.client.InMemoryClientRepository;
import dev.authplane.core.error.OAuthError;
import dev.authplane.core.error.OAuthException;
import dev.authplane.core.storage.StorageUnavailableException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The facade's wiring, its health probe and its behaviour when storage is unreachable. */
class AuthPlaneTest {

    @Test
    void defaultsWireInMemoryAdaptersAndCreateTheFirstKeyOnFirstUse() {
        AuthPlane plane = AuthPlane.builder(TestAuthPlanes.config()).build();

        assertThat(plane.keys().list()).isEmpty();
        assertThat(plane.keys().publicJwkSet().getKeys()).hasSize(1);
        assertThat(plane.keys().list()).hasSize(1);
        assertThat(plane.health()).isEqualTo(new Health(true, "storage reachable"));
    }

    @Test
    void healthIsDownWhenStorageIsUnreachable() {
        UnreachableClients clients = new UnreachableClients();
        AuthPlane plane = AuthPlane.builder(TestAuthPlanes.config()).clients(clients).build();
        clients.down = true;

        Health health = plane.health();

        assertThat(health.up()).isFalse();
        assertThat(health.detail()).contains("storage unavailable");
    }

    @Test
    void tokenRequestWhileTheClientStoreIsUnreachableIsTemporarilyUnavailable() {
        UnreachableClients clients = new UnreachableClients();
        AuthPlane plane = AuthPlane.builder(TestAuthPlanes.config()).clients(clients).build();
        TestAuthPlanes.registerResource(plane);
        CreatedClient worker = TestAuthPlanes.registerClient(plane, "worker", "tools/query");
        clients.down = true;

        assertThatThrownBy(() -> plane.tokens().issue(TestAuthPlanes.request(worker, null)))
                .isInstanceOfSatisfying(OAuthException.class,
                        e -> assertThat(e.error()).isEqualTo(OAuthError.TEMPORARILY_UNAVAILABLE));
    }

    /** A client store whose lookups fail, once {@link #down} is set, as an unreachable database would. */
    private static final class UnreachableClients implements ClientRepository {
        private final ClientRepository delegate = new InMemoryClientRepository();
        volatile boolean down;

        @Override
        public void insert(Client client) {
            delegate.insert(client);
        }

        @Override
        public boolean update(Client client) {
            return delegate.update(client);
        }

        @Override
        public Optional<Client> findByClientId(String clientId) {
            if (down) {
                throw new StorageUnavailableException("connection refused", null);
            }
            return delegate.findByClientId(clientId);
        }

        @Override
        public Optional<Client> findByName(String name) {
            return delegate.findByName(name);
        }

        @Override
        public List<Client> findAll() {
            return delegate.findAll();
        }

        @Override
        public boolean delete(String clientId) {
            return delegate.delete(clientId);
        }
    }
}
