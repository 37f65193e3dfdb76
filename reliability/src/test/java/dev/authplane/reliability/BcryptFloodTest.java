package dev.authplane.reliability;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8, floods: with a realistic bcrypt cost (10), throttling off (the attacker has many
 * addresses and ids) and a one-slot bcrypt pool, a flood of wrong secrets from
 * {@value #FLOOD_THREADS} threads cannot starve legitimate clients: requests from clients whose
 * credentials were verified before keep succeeding, and their p99 latency stays under
 * {@value #P99_BOUND_MILLIS} ms. The flood itself gets only 401 or 503 {@code temporarily_unavailable}
 * (no slot within {@code security.bcrypt_wait}, here 250 ms so that even a fast machine queues
 * more work than that), never a token. Latencies go to the test output.
 */
class BcryptFloodTest {

    static final int FLOOD_THREADS = 12;
    static final long P99_BOUND_MILLIS = 1_000;

    @Test
    void floodOfWrongSecretsDoesNotStarveClientsWithVerifiedCredentials() throws Exception {
        Map<String, Map<String, Object>> settings = Map.of("security", Map.of("bcrypt_cost", 10,
                "max_failed_auth_per_client", 0, "max_failed_auth_per_address", 0, "bcrypt_concurrency", 1,
                "bcrypt_wait", "250ms"));
        try (HikariDataSource pool = Databases.pool(Databases.h2FileUrl(WorkDir.fresh("flood")), 10);
             EmbeddedServer server = EmbeddedServer.start(pool, settings)) {
            server.registerResource();
            List<TestClient> legitimate = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                TestClient client = server.registerClient("legit-" + i, "client_secret_post");
                HostileTokenRequestsTest.assertSucceeds(server.token(client));
                legitimate.add(client);
            }
            int perClient = Sizes.pick(150, 1_500);
            List<Long> baseline = legitimateLatencies(server, legitimate, perClient / 3);

            Map<String, Integer> floodOutcomes = Collections.synchronizedMap(new TreeMap<>());
            AtomicBoolean flooding = new AtomicBoolean(true);
            ExecutorService attackers = Executors.newFixedThreadPool(FLOOD_THREADS);
            List<Future<?>> flood = new ArrayList<>();
            for (int t = 0; t < FLOOD_THREADS; t++) {
                TestClient target = t % 2 == 0 ? legitimate.get(0) : null;
                flood.add(attackers.submit(() -> attack(server, target, flooding, floodOutcomes)));
            }
            List<Long> underFlood;
            try {
                Thread.sleep(500);
                underFlood = legitimateLatencies(server, legitimate, perClient);
            } finally {
                flooding.set(false);
                for (Future<?> f : flood) {
                    f.get(30, TimeUnit.SECONDS);
                }
                attackers.shutdown();
            }

            System.out.printf("bcrypt flood (%s): legitimate p50/p99 %d/%d ms without flood, %d/%d ms under a flood of"
                            + " %d threads; flood answers %s%n", Sizes.mode(), percentile(baseline, 50), percentile(baseline, 99),
                    percentile(underFlood, 50), percentile(underFlood, 99), FLOOD_THREADS, floodOutcomes);
            assertThat(floodOutcomes.keySet()).as("flood answers").isSubsetOf("401 invalid_client", "503 temporarily_unavailable");
            assertThat(floodOutcomes.getOrDefault("503 temporarily_unavailable", 0)).as("the bcrypt pool refused waiters")
                    .isPositive();
            assertThat(percentile(underFlood, 99)).as("legitimate p99 under the flood (ms)").isLessThanOrEqualTo(P99_BOUND_MILLIS);
        }
    }

    /** Latencies of {@code count} sequential token requests by each client, all of which must succeed. */
    private static List<Long> legitimateLatencies(EmbeddedServer server, List<TestClient> clients, int count) {
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            for (TestClient client : clients) {
                long start = System.nanoTime();
                HttpResponse<String> response = server.token(client);
                latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                HostileTokenRequestsTest.assertSucceeds(response);
            }
        }
        return latencies;
    }

    /** Wrong secrets until stopped: for {@code target}'s id, or for fresh unknown ids when {@code null}. */
    private static void attack(EmbeddedServer server, TestClient target, AtomicBoolean flooding, Map<String, Integer> outcomes) {
        while (flooding.get()) {
            String id = target != null ? target.clientId() : "bot-" + UUID.randomUUID();
            HttpResponse<String> response = server.token(new TestClient(id, "guess-" + UUID.randomUUID(), "client_secret_post"));
            String error = response.statusCode() == 200 ? "TOKEN" : Http.json(response.body()).path("error").asText();
            outcomes.merge(response.statusCode() + " " + error, 1, Integer::sum);
        }
    }

    static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
