package dev.authplane.core;

import dev.authplane.core.admin.CreatedClient;
import dev.authplane.core.error.OAuthError;
import dev.authplane.core.error.OAuthException;
import dev.authplane.core.storage.StorageUnavailableException;
import org.junit.jupiter.api.Test;

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
        assertThat(plane.health()).isEqualTo(new Health(true, true, "storage reachable, signing key active"));
    }

    @Test
    void healthIsDownWhenStorageIsUnreachable() {
        FailingStores.Clients clients = new FailingStores.Clients();
        AuthPlane plane = AuthPlane.builder(TestAuthPlanes.config()).clients(clients).build();
        clients.failure.set(new StorageUnavailableException("connection refused", null));

        Health health = plane.health();

        assertThat(health.up()).isFalse();
        assertThat(health.detail()).contains("storage unavailable");
    }

    @Test
    void tokenRequestWhileTheClientStoreIsUnreachableIsTemporarilyUnavailable() {
        FailingStores.Clients clients = new FailingStores.Clients();
        AuthPlane plane = AuthPlane.builder(TestAuthPlanes.config()).clients(clients).build();
        TestAuthPlanes.registerResource(plane);
        CreatedClient worker = TestAuthPlanes.registerClient(plane, "worker", "tools/query");
        clients.failure.set(new StorageUnavailableException("connection refused", null));

        assertThatThrownBy(() -> plane.tokens().issue(TestAuthPlanes.request(worker, null)))
                .isInstanceOfSatisfying(OAuthException.class,
                        e -> assertThat(e.error()).isEqualTo(OAuthError.TEMPORARILY_UNAVAILABLE));
    }

}
