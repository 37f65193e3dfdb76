package dev.authplane.examples.authserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authplane.testsupport.PrometheusText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /metrics} of the runnable server: every authorization-server meter of
 * authplane-micrometer's README table is served, and each counter moves by exactly what this test
 * did (tokens issued, refusals provoked, admin changes made); the read-only scrape token opens
 * {@code /metrics} and nothing else.
 */
class MeterTableTest {

    private static final String METRICS_TOKEN = "scrape-token-for-tests-0123456789";
    private static final String MCP = "http://localhost:8080/mcp";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyMeterOfTheReadmeTableIsServedAndEachCounterMovesByExactlyWhatTheTestDid() throws Exception {
        try (AuthServer server = TestServers.start(dataDir, Map.of("AUTHPLANE_ADMIN_METRICS_TOKEN", METRICS_TOKEN))) {
            PrometheusText before = scrape(server, METRICS_TOKEN);
            assertThat(before.sum("authplane_signing_key_events_total", "event", "generated")).isEqualTo(1);

            admin(server, "POST", "/resources", "{\"slug\":\"my-mcp\",\"uri\":\"" + MCP + "\",\"scopes\":[\"tools/query\"]}");
            JsonNode client = admin(server, "POST", "/clients", "{\"name\":\"worker\",\"grant_types\":"
                    + "[\"client_credentials\"],\"token_endpoint_auth_method\":\"client_secret_post\","
                    + "\"scopes\":[\"tools/query\"]}");
            admin(server, "POST", "/keys/rotate", null);
            String good = "grant_type=client_credentials&client_id=" + client.get("client_id").asText()
                    + "&client_secret=" + client.get("client_secret").asText() + "&resource=" + MCP;
            String wrongSecret = "grant_type=client_credentials&client_id=" + client.get("client_id").asText()
                    + "&client_secret=not-the-secret&resource=" + MCP;
            for (int i = 0; i < 3; i++) {
                assertThat(token(server, good, null)).isEqualTo(200);
            }
            assertThat(token(server, wrongSecret, null)).isEqualTo(401);
            assertThat(token(server, wrongSecret, null)).isEqualTo(401);
            assertThat(token(server, good.replace(MCP, "http://localhost:8080/other"), null)).isEqualTo(400);
            assertThat(token(server, good.replace("client_credentials", "password"), null)).isEqualTo(400);
            assertThat(token(server, good, "not-a-proof")).isEqualTo(400);

            PrometheusText after = scrape(server, METRICS_TOKEN);
            delta(before, after, 3, "authplane_tokens_issued_total", "grant_type", "client_credentials",
                    "auth_method", "client_secret_post", "token_type", "Bearer", "resource", "my-mcp");
            delta(before, after, 2, "authplane_tokens_refused_total", "error", "invalid_client");
            delta(before, after, 1, "authplane_tokens_refused_total", "error", "invalid_target");
            delta(before, after, 1, "authplane_tokens_refused_total", "error", "unsupported_grant_type",
                    "grant_type", "none");
            delta(before, after, 1, "authplane_tokens_refused_total", "error", "invalid_dpop_proof");
            delta(before, after, 5, "authplane_tokens_refused_total");
            delta(before, after, 3, "authplane_token_requests_seconds_count", "outcome", "issued");
            delta(before, after, 5, "authplane_token_requests_seconds_count", "outcome", "refused");
            delta(before, after, 2, "authplane_client_auth_failures_total", "reason", "wrong_secret",
                    "auth_method", "client_secret_post");
            delta(before, after, 2, "authplane_client_auth_failures_total");
            delta(before, after, 4, "authplane_secret_cache_lookups_total", "result", "hit");
            delta(before, after, 3, "authplane_secret_cache_lookups_total", "result", "miss");
            delta(before, after, 3, "authplane_secret_checks_seconds_count");
            delta(before, after, 3, "authplane_secret_check_wait_seconds_count");
            delta(before, after, 1, "authplane_dpop_proofs_rejected_total", "reason", "malformed");
            delta(before, after, 3, "authplane_issuance_writes_seconds_count", "outcome", "ok");
            delta(before, after, 3, "authplane_issuance_commit_rows_sum");
            delta(before, after, 1, "authplane_signing_key_events_total", "event", "rotated");
            delta(before, after, 1, "authplane_admin_changes_total", "action", "resource.created");
            delta(before, after, 1, "authplane_admin_changes_total", "action", "client.created");
            delta(before, after, 1, "authplane_admin_changes_total", "action", "signing_key.rotated");
            delta(before, after, 3, "authplane_admin_changes_total");
            assertThat(after.sum("authplane_secret_cache_size")).isEqualTo(1);
            assertThat(after.sum("authplane_signing_key_age_seconds")).isBetween(0.0, 60.0);

            List<PrometheusText.TableMeter> table = PrometheusText.meterTable(Path.of("../../authplane-micrometer/README.md"));
            List<String> serverMeters = table.stream().map(PrometheusText.TableMeter::name)
                    .filter(name -> !name.startsWith("authplane_verifier_")).toList();
            assertThat(serverMeters).hasSizeGreaterThanOrEqualTo(18);
            assertThat(serverMeters).allSatisfy(name -> assertThat(after.has(name)).as(name + " is served").isTrue());
            assertThat(after.has("jvm_memory_used_bytes")).isTrue();
        }
    }

    @Test
    void theScrapeTokenOpensMetricsOnlyAndTheAdminKeyOpensMetricsToo() throws Exception {
        try (AuthServer server = TestServers.start(dataDir, Map.of("AUTHPLANE_ADMIN_METRICS_TOKEN", METRICS_TOKEN))) {
            assertThat(get(server, "/metrics", METRICS_TOKEN).statusCode()).isEqualTo(200);
            assertThat(get(server, "/metrics", server.adminKey()).statusCode()).isEqualTo(200);
            HttpResponse<String> none = get(server, "/metrics", null);
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"authplane-metrics\"");
            assertThat(get(server, "/metrics", "wrong-token-0123456789abcdef").statusCode()).isEqualTo(401);
            assertThat(get(server, "/admin/v1/clients", METRICS_TOKEN).statusCode()).as("the scrape token opens nothing else")
                    .isEqualTo(401);
            assertThat(get(server, "/admin/v1/clients", server.adminKey()).statusCode()).as("positive control")
                    .isEqualTo(200);
            HttpResponse<String> ok = get(server, "/metrics", METRICS_TOKEN);
            assertThat(ok.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                    .startsWith("text/plain").contains("version=0.0.4"));
            assertThat(ok.body()).doesNotContain(METRICS_TOKEN).doesNotContain(server.adminKey());
        }
    }

    private static void delta(PrometheusText before, PrometheusText after, double expected, String name,
                              String... labels) {
        assertThat(after.sum(name, labels) - before.sum(name, labels))
                .as(name + " " + String.join(",", labels)).isEqualTo(expected);
    }

    private PrometheusText scrape(AuthServer server, String token) throws Exception {
        HttpResponse<String> response = get(server, "/metrics", token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return PrometheusText.parse(response.body());
    }

    private HttpResponse<String> get(AuthServer server, String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.adminUrl() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode admin(AuthServer server, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.adminUrl() + "/admin/v1" + path))
                .header("Authorization", "Bearer " + server.adminKey())
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        return JSON.readTree(response.body());
    }

    private int token(AuthServer server, String form, String dpop) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.publicPort()
                + "/oauth/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (dpop != null) {
            request.header("DPoP", dpop);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
