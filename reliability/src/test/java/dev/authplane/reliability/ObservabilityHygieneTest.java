package dev.authplane.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authplane.core.support.SecureRandomIdGenerator;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17, the new fields against the secret rules: the real server process (logback at DEBUG,
 * the trace id in every request's log lines) with hostile {@code traceparent} headers. A valid
 * trace id joins the caller's trace, the token's issuance row and the request's log lines; an
 * invalid header (here: one carrying a client secret) is replaced, never logged. The {@code /metrics}
 * exposition and the admin audit trail are written to this module's logs so that
 * {@link LogHygieneCheck} checks them against the {@link SecretLedger} too.
 */
class ObservabilityHygieneTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void traceIdsJoinTokensAndLogLinesAndNoSecretReachesLogsMetricsOrTheAuditTrail() throws Exception {
        String metricsToken = new SecureRandomIdGenerator().randomToken(32);
        SecretLedger.record("metrics-token", metricsToken);
        try (ServerProcess server = ServerProcess.start("observed", ServerProcess.environment(WorkDir.fresh("observed"),
                Map.of("AUTHPLANE_ADMIN_METRICS_TOKEN", metricsToken)))) {
            server.createResource("observed", EmbeddedServer.RESOURCE);
            TestClient client = server.createClient("observed-worker", "client_secret_post");
            String good = Http.tokenForm(client.clientId(), client.secret(), EmbeddedServer.RESOURCE);
            String wrong = Http.tokenForm(client.clientId(), "wrong-" + client.secret(), EmbeddedServer.RESOURCE);
            SecretLedger.record("wrong-secret", "wrong-" + client.secret());

            HttpResponse<String> traced = ServerProcess.expect(200, Http.postForm(server.tokenEndpoint(), good,
                    "traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01"));
            SecretLedger.record("access-token", Http.json(traced.body()).path("access_token").asText());
            ServerProcess.expect(401, Http.postForm(server.tokenEndpoint(), wrong,
                    "traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01"));
            ServerProcess.expect(401, Http.postForm(server.tokenEndpoint(), wrong, "traceparent", client.secret()));
            ServerProcess.expect(401, Http.postForm(server.tokenEndpoint(), wrong, "traceparent",
                    "00-" + client.secret() + "-00f067aa0ba902b7-01"));

            JsonNode rows = Http.json(ServerProcess.expect(200, server.admin("GET", "/issuances?limit=5", null)).body());
            assertThat(rows.path("issuances").get(0).path("trace_id").asText()).isEqualTo(TRACE_ID);
            String log = server.log();
            assertThat(log).as("the failed authentication's log line carries the caller's trace id")
                    .containsPattern("Client authentication failed for client_id " + client.clientId()
                            + ": wrong secret trace_id=" + TRACE_ID);
            assertThat(log.lines().filter(line -> line.contains("Client authentication failed")).count()).isEqualTo(3);
            assertThat(log).doesNotContain(client.secret());

            HttpResponse<String> scrape = Http.get(URI.create("http://127.0.0.1:" + server.env().get("AUTHPLANE_ADMIN_PORT")
                    + "/metrics"), "Authorization", "Bearer " + metricsToken);
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body()).contains("authplane_tokens_issued_total");
            HttpResponse<String> audit = ServerProcess.expect(200, server.admin("GET", "/audit", null));
            assertThat(Http.json(audit.body()).path("events")).hasSize(2);
            Files.writeString(WorkDir.logs().resolve("observed-metrics.txt"), scrape.body(), StandardCharsets.UTF_8);
            Files.writeString(WorkDir.logs().resolve("observed-audit.json"), audit.body(), StandardCharsets.UTF_8);
            for (String exposed : new String[] {scrape.body(), audit.body()}) {
                assertThat(exposed).doesNotContain(client.secret()).doesNotContain(metricsToken)
                        .doesNotContain(server.env().get("AUTHPLANE_ADMIN_API_KEY"));
            }
        }
    }
}
