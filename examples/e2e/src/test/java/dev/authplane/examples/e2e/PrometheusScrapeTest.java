package dev.authplane.examples.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 17, end to end: a real Prometheus (Debian's {@code prometheus}, as {@code .ci/run} installs
 * it) runs {@code examples/observability/prometheus.yml} (scrape interval and ports adjusted)
 * against the runnable server and the example MCP server, both with their scrape tokens. It
 * answers a PromQL query for the issued-token rate, counts exactly the tokens issued, and every
 * query of the Grafana dashboard is valid PromQL over the served meters. Skipped when Prometheus is
 * not installed, except with {@code CI=true}, where it fails.
 */
class PrometheusScrapeTest {

    private static final Path OBSERVABILITY = Path.of(System.getProperty("e2e.observability.dir", "../observability"));
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void prometheusScrapesBothServersAndAnswersTheIssuedTokenRateAndEveryDashboardQuery() throws Exception {
        Path prometheus = prometheusBinary();
        Path dir = Jars.newWorkDir("prometheus");
        String serverToken = UUID.randomUUID() + "-" + UUID.randomUUID();
        String mcpToken = UUID.randomUUID() + "-" + UUID.randomUUID();
        Files.writeString(dir.resolve("authplane-metrics-token"), serverToken);
        Files.writeString(dir.resolve("mcp-metrics-token"), mcpToken);
        try (ExampleStack stack = new ExampleStack("prometheus-stack", Map.of("AUTHPLANE_ADMIN_METRICS_TOKEN", serverToken),
                List.of("--metrics-token-file", dir.resolve("mcp-metrics-token").toString()))) {
            stack.admin("resource", "create", "--slug", "my-mcp", "--uri", stack.resource, "--scopes", "tools/query");
            JsonNode client = stack.createClient("scraped-worker", "tools/query");
            Files.writeString(dir.resolve("prometheus.yml"), Files.readString(OBSERVABILITY.resolve("prometheus.yml"))
                    .replace("scrape_interval: 15s", "scrape_interval: 1s")
                    .replace("127.0.0.1:9001", "127.0.0.1:" + stack.adminPort)
                    .replace("127.0.0.1:8080", "127.0.0.1:" + stack.mcpPort));
            int webPort = FreePorts.next();
            try (JarProcess server = JarProcess.exec("prometheus", List.of(prometheus.toString(),
                    "--config.file=" + dir.resolve("prometheus.yml"), "--storage.tsdb.path=" + dir.resolve("tsdb"),
                    "--web.listen-address=127.0.0.1:" + webPort), dir, Map.of())) {
                String api = "http://127.0.0.1:" + webPort;
                awaitReady(api, server);
                double up = poll(api, "sum(up{job=~\"authplane|mcp-server\"})", v -> v == 2);
                int issued = 0;
                int initialized = 0;
                double rate = 0;
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (!(rate > 0) && System.nanoTime() < deadline) {
                    String token = stack.token(client, stack.resource);
                    issued++;
                    if (issued % 10 == 1) {
                        assertThat(initialize(stack.resource, token)).isEqualTo(200);
                        initialized++;
                    }
                    Thread.sleep(150);
                    if (issued % 5 == 0) {
                        rate = value(query(api, "sum(rate(authplane_tokens_issued_total[15s]))"));
                    }
                }
                assertThat(rate > 0).as("the issued-token rate while tokens are being issued: " + rate).isTrue();
                int expectedTotal = issued;
                int expectedAccepted = initialized;
                double total = poll(api, "sum(authplane_tokens_issued_total{resource=\"my-mcp\"})", v -> v == expectedTotal);
                double accepted = poll(api, "sum(authplane_verifier_requests_total{outcome=\"accepted\"})",
                        v -> v == expectedAccepted);
                System.out.printf("prometheus: issued-token rate %.2f/s, %d issued, %.0f counted; targets up %.0f;"
                        + " MCP requests accepted %.0f%n", rate, issued, total, up, accepted);

                List<String> queries = dashboardQueries();
                assertThat(queries).hasSizeGreaterThanOrEqualTo(12);
                for (String query : queries) {
                    JsonNode answer = query(api, query);
                    assertThat(answer.path("status").asText()).as(query + ": " + answer).isEqualTo("success");
                }
                assertThat(query(api, queries.get(0)).path("data").path("result")).as(queries.get(0)).isNotEmpty();
            }
        }
    }

    private static Path prometheusBinary() {
        String configured = System.getenv("AUTHPLANE_TEST_PROMETHEUS");
        Path binary = Path.of(configured != null && !configured.isBlank() ? configured : "/usr/bin/prometheus");
        if (!Files.isExecutable(binary)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("Prometheus is not installed at " + binary + " but CI=true (.ci/run installs Debian's prometheus)");
            }
            Assumptions.abort("Prometheus not installed at " + binary + " (apt-get install prometheus); test skipped");
        }
        return binary;
    }

    /** Every {@code expr} of the shipped Grafana dashboard, in panel order. */
    private static List<String> dashboardQueries() throws Exception {
        JsonNode dashboard = ExampleStack.JSON.readTree(OBSERVABILITY.resolve("grafana-dashboard.json").toFile());
        List<String> queries = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(t -> queries.add(t.path("expr").asText())));
        return queries;
    }

    private int initialize(String resource, String token) throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"e2e\",\"version\":\"1\"}}}";
        return http.send(HttpRequest.newBuilder(URI.create(resource)).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private void awaitReady(String api, JarProcess server) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(api + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        fail("Prometheus not ready within " + WAIT + ":\n" + server.transcript());
    }

    private JsonNode query(String api, String promql) throws Exception {
        URI uri = URI.create(api + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        return ExampleStack.JSON.readTree(http.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    /** The value of a single-value vector answer, or NaN when it has none. */
    private static double value(JsonNode answer) {
        JsonNode result = answer.path("data").path("result");
        return result.size() == 1 ? Double.parseDouble(result.get(0).path("value").get(1).asText()) : Double.NaN;
    }

    /** Queries {@code promql} (a single-value vector) until {@code wanted} holds; returns the value. */
    private double poll(String api, String promql, java.util.function.DoublePredicate wanted) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = query(api, promql);
            double value = value(last);
            if (!Double.isNaN(value) && wanted.test(value)) {
                return value;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("PromQL " + promql + " never matched within " + WAIT + "; last answer " + last);
    }
}
