package dev.authplane.core.token;

import dev.authplane.core.AuthPlane;
import dev.authplane.core.TestAuthPlanes;
import dev.authplane.core.admin.CreatedClient;
import dev.authplane.core.client.ClientAuthMethod;
import dev.authplane.core.client.ClientSecretCredentials;
import dev.authplane.core.client.GrantTypes;
import dev.authplane.core.config.SecuritySettings;
import dev.authplane.core.error.OAuthError;
import dev.authplane.core.error.OAuthException;
import dev.authplane.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.authplane.core.TestAuthPlanes.RESOURCE_URI;
import static dev.authplane.core.TestAuthPlanes.request;
import static dev.authplane.core.token.TokenServiceTest.assertError;
import static dev.authplane.core.token.TokenServiceTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

/** Issues 7 and 8 through the facade: cache, throttling and their settings, with the real admin service. */
class ClientAuthenticationHotPathTest {

    private static final String ADDRESS = "198.51.100.23";
    private static final String ATTACKER = "192.0.2.66";

    private final MutableClock clock = new MutableClock();
    private final AuthPlane plane = TestAuthPlanes.builder(TestAuthPlanes.config(
            "security.max_failed_auth_per_client", "3", "security.max_failed_auth_per_address", "5",
            "security.failed_auth_window", "30s"), clock).build();
    private final CreatedClient worker;

    ClientAuthenticationHotPathTest() {
        TestAuthPlanes.registerResource(plane);
        worker = TestAuthPlanes.registerClient(plane, "backend-worker", "tools/query");
    }

    @Test
    void cachedOldSecretIsRejectedRightAfterRotateSecretAndTheNewOneWorks() {
        plane.tokens().issue(request(worker, null));
        plane.tokens().issue(request(worker, null));

        CreatedClient rotated = plane.admin().rotateSecret("backend-worker");

        assertError(() -> plane.tokens().issue(request(worker, null)), OAuthError.INVALID_CLIENT);
        assertThat(plane.tokens().issue(request(rotated, null)).accessToken()).isNotEmpty();
    }

    @Test
    void cachedClientIsRejectedRightAfterDisableClientAndAcceptedAfterEnable() {
        plane.tokens().issue(request(worker, null));

        plane.admin().disableClient("backend-worker");
        assertError(() -> plane.tokens().issue(request(worker, null)), OAuthError.INVALID_CLIENT);

        plane.admin().enableClient("backend-worker");
        assertThat(plane.tokens().issue(request(worker, null)).accessToken()).isNotEmpty();
    }

    @Test
    void tokenRequestsFromAnAddressWithTooManyFailuresGetSlowDownWithRetryAfter() {
        for (int i = 0; i < 5; i++) {
            assertError(() -> plane.tokens().issue(from(ADDRESS, "client-" + System.nanoTime(), "wrong")),
                    OAuthError.INVALID_CLIENT);
        }
        clock.advance(Duration.ofSeconds(10));

        OAuthException e = failure(() -> plane.tokens().issue(from(ADDRESS, worker.client().clientId(), "wrong")));

        assertThat(e.error()).isEqualTo(OAuthError.SLOW_DOWN);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(20));
        assertError(() -> plane.tokens().issue(from("198.51.100.24", worker.client().clientId(), "wrong")),
                OAuthError.INVALID_CLIENT);
    }

    @Test
    void tokenRequestsForAClientIdWithTooManyFailuresGetSlowDownFromThatAddressOnly() {
        for (int i = 0; i < 3; i++) {
            assertError(() -> plane.tokens().issue(from(ATTACKER, worker.client().clientId(), "wrong")),
                    OAuthError.INVALID_CLIENT);
        }

        OAuthException e = failure(() -> plane.tokens().issue(from(ATTACKER, worker.client().clientId(),
                worker.clientSecret())));

        assertThat(e.error()).isEqualTo(OAuthError.SLOW_DOWN);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(e.description()).doesNotContain(worker.client().clientId());
        assertThat(plane.tokens().issue(from("203.0.113.99", worker.client().clientId(), worker.clientSecret()))
                .accessToken()).as("another address is not locked out").isNotEmpty();
    }

    @Test
    void clientThatAuthenticatedBeforeKeepsGettingTokensWhileItsClientIdIsThrottled() {
        plane.tokens().issue(request(worker, null));
        floodWithWrongSecrets(plane);

        assertThat(plane.tokens().issue(from(ATTACKER, worker.client().clientId(), worker.clientSecret()))
                .accessToken()).isNotEmpty();
    }

    @Test
    void withTheCacheOffTheRightSecretIsRefusedFromTheFloodingAddressAndAcceptedFromAnother() {
        AuthPlane uncached = TestAuthPlanes.builder(TestAuthPlanes.config("security.verified_secret_cache_size", "0",
                "security.max_failed_auth_per_client", "3"), clock).build();
        TestAuthPlanes.registerResource(uncached);
        CreatedClient client = TestAuthPlanes.registerClient(uncached, "backend-worker", "tools/query");
        uncached.tokens().issue(request(client, null));
        floodWithWrongSecrets(uncached, client);

        assertError(() -> uncached.tokens().issue(from(ATTACKER, client.client().clientId(), client.clientSecret())),
                OAuthError.SLOW_DOWN);
        assertThat(uncached.tokens().issue(from("203.0.113.99", client.client().clientId(), client.clientSecret()))
                .accessToken()).isNotEmpty();
    }

    @Test
    void defaultSecuritySettingsFollowTheIssues() {
        SecuritySettings security = SecuritySettings.defaults();

        assertThat(security.maxFailedAuthPerClient()).isEqualTo(10);
        assertThat(security.maxFailedAuthPerAddress()).isEqualTo(50);
        assertThat(security.failedAuthWindow()).isEqualTo(Duration.ofMinutes(1));
        assertThat(security.verifiedSecretCacheSize()).isEqualTo(10_000);
        assertThat(security.bcryptPermits()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(security.bcryptWait()).isEqualTo(Duration.ofSeconds(1));
    }

    private void floodWithWrongSecrets(AuthPlane target) {
        floodWithWrongSecrets(target, worker);
    }

    private static void floodWithWrongSecrets(AuthPlane target, CreatedClient victim) {
        for (int i = 0; i < 4; i++) {
            OAuthException e = failure(() -> target.tokens().issue(from(ATTACKER, victim.client().clientId(), "wrong")));
            assertThat(e.error()).isEqualTo(i < 3 ? OAuthError.INVALID_CLIENT : OAuthError.SLOW_DOWN);
        }
    }

    private static TokenRequest from(String address, String clientId, String secret) {
        return new TokenRequest(GrantTypes.CLIENT_CREDENTIALS,
                new ClientSecretCredentials(clientId, secret, ClientAuthMethod.CLIENT_SECRET_POST), null,
                RESOURCE_URI, null, address);
    }
}
