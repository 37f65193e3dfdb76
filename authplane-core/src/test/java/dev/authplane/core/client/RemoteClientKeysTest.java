package dev.authplane.core.client;

import com.nimbusds.jose.jwk.ECKey;
import dev.authplane.core.AuthPlane;
import dev.authplane.core.TestAuthPlanes;
import dev.authplane.core.admin.NewClient;
import dev.authplane.core.error.OAuthError;
import dev.authplane.core.error.OAuthException;
import dev.authplane.core.scope.ScopeDefinition;
import dev.authplane.testsupport.ClientAssertionBuilder;
import dev.authplane.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static dev.authplane.core.TestAuthPlanes.ISSUER;
import static dev.authplane.core.TestAuthPlanes.assertionRequest;
import static dev.authplane.testsupport.ClientAssertionBuilder.newEcKey;
import static dev.authplane.testsupport.ClientAssertionBuilder.publicJwks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Keys registered by {@code jwks_uri}: fetched once and cached for a bounded lifetime, refetched
 * once for an unknown {@code kid} at a bounded rate, kept while a refetch fails, and a client with
 * no keys at all refused with {@code invalid_client}, never a 5xx.
 */
class RemoteClientKeysTest {

    private static final URI JWKS_URI = URI.create("https://keys.example.com/agent/jwks.json");

    private final MutableClock clock = new MutableClock();
    private final AtomicReference<String> published = new AtomicReference<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicReference<IOException> outage = new AtomicReference<>();
    private final AuthPlane plane = TestAuthPlanes.builder(TestAuthPlanes.config(), clock).jwksFetcher(uri -> {
        assertThat(uri).isEqualTo(JWKS_URI);
        fetches.incrementAndGet();
        if (outage.get() != null) {
            throw outage.get();
        }
        return published.get();
    }).build();
    private final ECKey first = newEcKey("k1");
    private final ECKey second = newEcKey("k2");
    private Client client;

    private void register() {
        TestAuthPlanes.registerResource(plane);
        client = plane.admin().createClient(new NewClient("agent", Set.of(GrantTypes.CLIENT_CREDENTIALS),
                "private_key_jwt", List.of(ScopeDefinition.of("tools/query")), List.of(), null, JWKS_URI.toString()))
                .client();
    }

    private boolean accepted(ECKey key) {
        String assertion = ClientAssertionBuilder.assertion(key, client.clientId(), ISSUER, clock.instant()).sign();
        try {
            plane.tokens().issue(assertionRequest(assertion));
            return true;
        } catch (OAuthException e) {
            assertThat(e.error()).isEqualTo(OAuthError.INVALID_CLIENT);
            return false;
        }
    }

    @Test
    void theSetIsFetchedOnceAndCachedForItsLifetime() {
        published.set(publicJwks(first));
        register();
        for (int i = 0; i < 5; i++) {
            assertThat(accepted(first)).isTrue();
        }
        assertThat(fetches).hasValue(1);
        clock.advance(ClientKeyStore.LIFETIME);
        assertThat(accepted(first)).isTrue();
        assertThat(fetches).hasValue(2);
    }

    @Test
    void anUnknownKidRefetchesOnceAtABoundedRate() {
        published.set(publicJwks(first));
        register();
        assertThat(accepted(first)).isTrue();
        assertThat(accepted(second)).as("just fetched: no refetch within the interval").isFalse();
        assertThat(fetches).hasValue(1);
        clock.advance(ClientKeyStore.MIN_REFETCH_INTERVAL);
        assertThat(accepted(second)).as("k2 is not published yet").isFalse();
        assertThat(fetches).hasValue(2);
        assertThat(accepted(second)).as("rate-limited: no refetch within the interval").isFalse();
        assertThat(fetches).hasValue(2);

        published.set(publicJwks(first, second));
        clock.advance(ClientKeyStore.MIN_REFETCH_INTERVAL);
        assertThat(accepted(second)).as("the client rotated in k2; one refetch finds it").isTrue();
        assertThat(fetches).hasValue(3);
        assertThat(accepted(first)).isTrue();
        assertThat(fetches).hasValue(3);
    }

    @Test
    void aFailedFetchWithNoKeysIsInvalidClientAndRecoversAfterTheInterval() {
        published.set(publicJwks(first));
        outage.set(new IOException("connect timed out"));
        register();
        assertThat(accepted(first)).isFalse();
        assertThat(accepted(first)).isFalse();
        assertThat(fetches).as("failures are not retried at once").hasValue(1);

        outage.set(null);
        clock.advance(ClientKeyStore.MIN_REFETCH_INTERVAL);
        assertThat(accepted(first)).isTrue();
    }

    @Test
    void keysFetchedBeforeStayUsableWhileARefetchFailsUpToTheStalenessBound() {
        published.set(publicJwks(first));
        register();
        assertThat(accepted(first)).isTrue();
        outage.set(new IOException("503 from the key host"));
        clock.advance(ClientKeyStore.LIFETIME);
        assertThat(accepted(first)).as("stale but within the bound").isTrue();
        clock.advance(ClientKeyStore.MAX_STALENESS);
        assertThat(accepted(first)).as("past the staleness bound").isFalse();
    }

    @Test
    void aPublishedPrivateKeyRefusesTheWholeDocument() {
        published.set(new com.nimbusds.jose.jwk.JWKSet(first).toString(false));
        register();
        assertThat(accepted(first)).isFalse();
        published.set(publicJwks(first));
        clock.advance(Duration.ofMinutes(1));
        assertThat(accepted(first)).isTrue();
    }
}
