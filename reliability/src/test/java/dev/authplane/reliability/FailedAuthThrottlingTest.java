package dev.authplane.reliability;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issues 8 and 14, brute force: failed client authentications are throttled per
 * ({@code client_id}, remote address) and per remote address, as configured ({@code security.max_failed_auth_per_client},
 * {@code security.max_failed_auth_per_address}, {@code security.failed_auth_window}): beyond the
 * limit the answer is 429 {@code slow_down} with {@code Retry-After}, the same for known and
 * unknown ids, while a client whose credentials were verified before keeps getting tokens.
 */
class FailedAuthThrottlingTest {

    private HikariDataSource pool;
    private EmbeddedServer server;

    private EmbeddedServer start(int perClient, int perAddress, String window) {
        return start(Map.of("max_failed_auth_per_client", perClient, "max_failed_auth_per_address", perAddress,
                "failed_auth_window", window));
    }

    private EmbeddedServer start(Map<String, Object> security) {
        pool = Databases.pool(Databases.h2FileUrl(WorkDir.fresh("throttle")), 10);
        server = EmbeddedServer.start(pool, Map.of("security", security));
        server.registerResource();
        return server;
    }

    /**
     * Issue 14 §3, the lockout: an attacker at 127.0.0.2 sends 1,000 wrong secrets a minute for
     * client X's id while X, from 127.0.0.1, keeps asking for tokens at bcrypt cost 12 with the
     * verified-secret cache off (as after a restart, on another node or after eviction): every one
     * of X's requests gets its token, and the attacker is slowed down. Fails on per-client-id counting.
     */
    @Test
    void anAttackerAddressFloodingAClientIdNeverLocksTheClientOutFromItsOwnAddress() throws Exception {
        start(Map.of("bcrypt_cost", 12, "verified_secret_cache_size", 0));
        TestClient victim = server.registerClient("victim", "client_secret_post");
        String wrongForm = wrong(victim).form(EmbeddedServer.RESOURCE);
        Map<Integer, Integer> attackerStatuses = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        Thread attacker = new Thread(() -> {
            for (int i = 0; i < 1_000; i++) {
                LockSupport.parkNanos(start + i * TimeUnit.MILLISECONDS.toNanos(60) - System.nanoTime());
                RawHttp.Response r = RawHttp.exchangeFrom("127.0.0.2", server.port(), new RawHttp.Request("wrong secret",
                        "POST", "/oauth/token", List.<String[]>of(new String[] {"Content-Type", "application/x-www-form-urlencoded"}),
                        wrongForm.getBytes(StandardCharsets.US_ASCII)));
                attackerStatuses.merge(r.status(), 1, Integer::sum);
            }
        });
        attacker.start();
        int granted = 0;
        List<String> refused = new ArrayList<>();
        while (attacker.isAlive()) {
            HttpResponse<String> response = server.token(victim);
            if (response.statusCode() == 200) {
                granted++;
            } else {
                refused.add(response.statusCode() + " " + ResponseRules.clip(response.body()));
            }
        }
        attacker.join();
        System.out.printf("lockout run: victim %d tokens, %d refused; attacker statuses %s%n", granted, refused.size(),
                attackerStatuses);

        assertThat(attackerStatuses.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(1_000);
        assertThat(System.nanoTime() - start).as("paced at 1,000 a minute").isLessThan(TimeUnit.SECONDS.toNanos(70));
        assertThat(attackerStatuses.get(429)).as("the attacker is slowed down: %s", attackerStatuses).isGreaterThan(900);
        assertThat(refused).as("the victim's refused requests").isEmpty();
        assertThat(granted).as("tokens the victim got while under attack").isGreaterThan(20);
        assertThat(server.issuanceCount(victim.clientId())).isEqualTo(granted);
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
