package dev.authplane.reliability;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8, brute force: failed client authentications are throttled per {@code client_id} and per
 * remote address, as configured ({@code security.max_failed_auth_per_client},
 * {@code security.max_failed_auth_per_address}, {@code security.failed_auth_window}): beyond the
 * limit the answer is 429 {@code slow_down} with {@code Retry-After}, the same for known and
 * unknown ids, while a client whose credentials were verified before keeps getting tokens.
 */
class FailedAuthThrottlingTest {

    private HikariDataSource pool;
    private EmbeddedServer server;

    private EmbeddedServer start(int perClient, int perAddress, String window) {
        pool = Databases.pool(Databases.h2FileUrl(WorkDir.fresh("throttle")), 10);
        server = EmbeddedServer.start(pool, Map.of("security", Map.of("max_failed_auth_per_client", perClient,
                "max_failed_auth_per_address", perAddress, "failed_auth_window", window)));
        server.registerResource();
        return server;
    }

    @AfterEach
    void stop() {
        server.close();
        pool.close();
    }

    @Test
    void failuresBeyondThePerClientIdLimitGet429WithRetryAfterForKnownAndUnknownIds() {
        start(3, 0, "1m");
        TestClient victim = server.registerClient("victim", "client_secret_post");
        TestClient bystander = server.registerClient("bystander", "client_secret_post");
        String unknown = "unknown-" + UUID.randomUUID();

        for (int i = 0; i < 3; i++) {
            assertThat(server.token(wrong(victim)).statusCode()).isEqualTo(401);
            assertThat(server.token(wrongFor(unknown)).statusCode()).isEqualTo(401);
        }

        assertThrottled(server.token(wrong(victim)), 60);
        assertThrottled(server.token(wrongFor(unknown)), 60);
        assertThrottled(server.token(victim), 60);
        assertThat(server.token(wrong(bystander)).statusCode()).as("another client id is not throttled").isEqualTo(401);
        HostileTokenRequestsTest.assertSucceeds(server.token(bystander));
    }

    @Test
    void failuresBeyondThePerAddressLimitGet429ButAVerifiedClientKeepsItsTokens() {
        start(0, 5, "1m");
        TestClient regular = server.registerClient("regular", "client_secret_basic");
        HostileTokenRequestsTest.assertSucceeds(server.token(regular));

        for (int i = 0; i < 5; i++) {
            assertThat(server.token(wrongFor("guess-" + i)).statusCode()).isEqualTo(401);
        }

        assertThrottled(server.token(wrongFor("guess-next")), 60);
        assertThrottled(server.token(wrong(regular)), 60);
        HostileTokenRequestsTest.assertSucceeds(server.token(regular));
    }

    @Test
    void theWindowIsConfigurableAndAThrottledIdIsAcceptedAgainAfterIt() throws InterruptedException {
        start(2, 0, "2s");
        TestClient client = server.registerClient("patient", "client_secret_post");
        server.token(wrong(client));
        server.token(wrong(client));
        HttpResponse<String> throttled = server.token(client);
        assertThrottled(throttled, 2);

        Thread.sleep(Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow()) * 1000 + 200);

        HostileTokenRequestsTest.assertSucceeds(server.token(client));
    }

    private static void assertThrottled(HttpResponse<String> response, int maxRetryAfterSeconds) {
        assertThat(response.statusCode()).as(ResponseRules.clip(response.body())).isEqualTo(429);
        assertThat(Http.json(response.body()).path("error").asText()).isEqualTo("slow_down");
        assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(v ->
                assertThat(Integer.parseInt(v)).isBetween(1, maxRetryAfterSeconds));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    private static TestClient wrong(TestClient client) {
        return new TestClient(client.clientId(), client.secret() + "x", client.authMethod());
    }

    private static TestClient wrongFor(String clientId) {
        return new TestClient(clientId, "not-the-secret-" + UUID.randomUUID(), "client_secret_post");
    }
}
