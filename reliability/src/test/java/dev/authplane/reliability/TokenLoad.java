package dev.authplane.reliability;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Valid token requests from a few threads until stopped, recording every outcome: status, error
 * code, latency and, for each 200, the token's {@code jti} (each token also goes to the
 * {@link SecretLedger}). A request that gets no HTTP answer at all (connection reset by a killed
 * server) is recorded with status 0. Used to prove that every token a client received has its
 * issuance row.
 */
final class TokenLoad implements AutoCloseable {

    /** One request's outcome; {@code jti} only for a 200, {@code error} only for an error body. */
    record Outcome(int status, String error, String jti, long millis, long startedNanos) {
    }

    private final URI tokenEndpoint;
    private final List<TestClient> clients;
    private final String resource;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService pool;
    private final List<Future<?>> workers = new ArrayList<>();

    private TokenLoad(URI tokenEndpoint, List<TestClient> clients, String resource, int threads) {
        this.tokenEndpoint = tokenEndpoint;
        this.clients = List.copyOf(clients);
        this.resource = resource;
        this.pool = Executors.newFixedThreadPool(threads);
    }

    /** Starts {@code threads} workers, worker {@code i} using client {@code i % clients.size()}. */
    static TokenLoad start(URI tokenEndpoint, List<TestClient> clients, String resource, int threads) {
        TokenLoad load = new TokenLoad(tokenEndpoint, clients, resource, threads);
        for (int i = 0; i < threads; i++) {
            TestClient client = load.clients.get(i % load.clients.size());
            load.workers.add(load.pool.submit(() -> load.run(client)));
        }
        return load;
    }

    private void run(TestClient client) {
        while (running.get()) {
            long start = System.nanoTime();
            Outcome outcome;
            try {
                HttpResponse<String> response = client.authMethod().equals("client_secret_basic")
                        ? Http.postForm(tokenEndpoint, client.form(resource), "Authorization", client.basicHeader())
                        : Http.postForm(tokenEndpoint, client.form(resource));
                outcome = outcome(response, start);
            } catch (RuntimeException e) {
                outcome = new Outcome(0, e.getClass().getSimpleName(), null, elapsed(start), start);
                pause();
            }
            outcomes.add(outcome);
        }
    }

    private static Outcome outcome(HttpResponse<String> response, long start) {
        com.fasterxml.jackson.databind.JsonNode body;
        try {
            body = Http.JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            return new Outcome(response.statusCode(), "not JSON", null, elapsed(start), start);
        }
        if (response.statusCode() == 200) {
            String token = body.path("access_token").asText();
            SecretLedger.record("access-token", token);
            return new Outcome(200, null, jti(token), elapsed(start), start);
        }
        return new Outcome(response.statusCode(), body.path("error").asText(null), null, elapsed(start), start);
    }

    /** The {@code jti} claim of a compact JWS, read without verification (the test only counts rows). */
    static String jti(String token) {
        String payload = token.split("\\.")[1];
        return Http.json(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)).path("jti").asText();
    }

    private static long elapsed(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Outcomes so far (a copy). */
    List<Outcome> outcomes() {
        synchronized (outcomes) {
            return new ArrayList<>(outcomes);
        }
    }

    /** Blocks until at least {@code count} outcomes were recorded, or fails after {@code timeout}. */
    void awaitOutcomes(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (outcomes.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + outcomes.size() + " of " + count + " requests finished in " + timeout);
            }
            Thread.sleep(20);
        }
    }

    /**
     * Stops the workers; fails if any is still stuck in a request after {@code bound} (a hung thread).
     */
    List<Outcome> stop(Duration bound) throws Exception {
        running.set(false);
        for (Future<?> worker : workers) {
            worker.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        }
        pool.shutdown();
        return outcomes();
    }

    /** {@code 200=812, 503 temporarily_unavailable=40, ...} */
    static Map<String, Integer> histogram(List<Outcome> outcomes) {
        Map<String, Integer> counts = new TreeMap<>();
        outcomes.forEach(o -> counts.merge(o.status() + (o.error() == null ? "" : " " + o.error()), 1, Integer::sum));
        return counts;
    }

    /** The {@code p}-th percentile latency in milliseconds of the outcomes with {@code status}. */
    static long percentile(List<Outcome> outcomes, int status, double p) {
        long[] sorted = outcomes.stream().filter(o -> o.status() == status).mapToLong(Outcome::millis).sorted().toArray();
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }

    @Override
    public void close() {
        running.set(false);
        pool.shutdownNow();
    }
}
