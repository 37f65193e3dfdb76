package dev.authplane.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17: {@code /health/ready} answers 503 within {@link #DOWN_BOUND} of PostgreSQL going away
 * (stopped with pg_ctl) and 200 again after it returns, while {@code /health/live} stays 200 and
 * every readiness answer itself comes within the probe's bound.
 */
class ReadinessTest {

    /** The bound: 503 within 2 s of the database going away. */
    static final Duration DOWN_BOUND = Duration.ofSeconds(2);

    /** How long the database may take to be seen again once it runs: the pool's reconnect plus a probe. */
    static final Duration UP_BOUND = Duration.ofSeconds(30);

    private static final long POLL_MILLIS = 100;

    @Test
    void readinessAnswers503WithinTwoSecondsOfPostgresGoingAwayAnd200AfterItReturns() throws Exception {
        PostgresCluster.require();
        String url = Databases.freshPostgresDatabase("ready");
        try (HikariDataSource pool = Databases.pool(url, 10);
             EmbeddedServer server = EmbeddedServer.start(pool, Map.of())) {
            HttpResponse<String> before = Http.get(server.uri("/health/ready"));
            assertThat(before.statusCode()).as("positive control: " + before.body()).isEqualTo(200);

            long down;
            long up;
            try {
                PostgresCluster.stop();
                long stopped = System.nanoTime();
                HttpResponse<String> refused = pollUntil(server, 503, DOWN_BOUND.multipliedBy(5));
                down = (System.nanoTime() - stopped) / 1_000_000;
                JsonNode checks = Http.json(refused.body()).get("checks");
                assertThat(checks.get("storage").asText()).isIn("down", "timeout");
                assertThat(Http.get(server.uri("/health/live")).statusCode()).as("liveness reads nothing").isEqualTo(200);
            } finally {
                PostgresCluster.start();
            }
            long started = System.nanoTime();
            HttpResponse<String> ready = pollUntil(server, 200, UP_BOUND);
            up = (System.nanoTime() - started) / 1_000_000;
            assertThat(Http.json(ready.body()).get("status").asText()).isEqualTo("up");

            System.out.printf("readiness: 503 %d ms after PostgreSQL stopped, 200 %d ms after it started%n", down, up);
            assertThat(down).as("milliseconds from pg_ctl stop to a 503").isLessThanOrEqualTo(DOWN_BOUND.toMillis());
        }
    }

    /** Polls readiness until it answers {@code status}; each answer must come within the probe's bound. */
    private static HttpResponse<String> pollUntil(EmbeddedServer server, int status, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            long asked = System.nanoTime();
            HttpResponse<String> response = Http.get(server.uri("/health/ready"));
            long answerMillis = (System.nanoTime() - asked) / 1_000_000;
            assertThat(answerMillis).as("one readiness answer").isLessThan(DOWN_BOUND.toMillis());
            if (response.statusCode() == status) {
                return response;
            }
            assertThat(System.nanoTime()).as("readiness never answered " + status + ": " + response.body())
                    .isLessThan(deadline);
            Thread.sleep(POLL_MILLIS);
        }
    }
}
