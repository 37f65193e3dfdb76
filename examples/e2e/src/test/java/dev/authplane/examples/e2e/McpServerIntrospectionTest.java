package dev.authplane.examples.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example MCP server with the verifier's opt-in revocation check, against the real
 * authorization server as processes: a token revoked at the authorization server is refused by
 * the MCP server within {@code --revocation-staleness}; when the authorization server is down, a
 * fail-closed MCP server answers 503 {@code temporarily_unavailable} with {@code Retry-After} for a token whose answer went stale, and a
 * fail-open one keeps accepting it.
 */
class McpServerIntrospectionTest {

    private static final Duration STALENESS = Duration.ofSeconds(2);
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"e2e\",\"version\":\"1\"}}}";

    private static HttpResponse<String> call(String resource, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(resource))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JarProcess startMcp(ExampleStack stack, int port, Map<String, String> env, List<String> extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--port", Integer.toString(port), "--issuer", stack.issuer,
                "--resource", "http://localhost:" + port + "/mcp", "--revocation-staleness", "2s"));
        args.addAll(extra);
        JarProcess mcp = JarProcess.start("mcp-introspect-" + port, Jars.MCP_SERVER, stack.workDir, env, args);
        mcp.awaitStdoutLine(Pattern.compile("MCP server ready"), ExampleStack.TIMEOUT);
        return mcp;
    }

    private static String jti(String token) throws Exception {
        return ExampleStack.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).path("jti").asText();
    }

    private static Duration awaitStatus(String resource, String token, int status, Duration bound) throws Exception {
        long start = System.nanoTime();
        while (call(resource, token).statusCode() != status) {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("HTTP %d within %s", status, bound)
                    .isLessThan(bound);
            Thread.sleep(100);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void aRevokedTokenIsRefusedWithinTheStalenessAndAnOutageIsFailClosedUnlessFailOpenWasChosen() throws Exception {
        try (ExampleStack stack = new ExampleStack("introspect", List.of())) {
            int closedPort = FreePorts.next();
            int openPort = FreePorts.next();
            String closed = "http://localhost:" + closedPort + "/mcp";
            String open = "http://localhost:" + openPort + "/mcp";
            stack.admin("resource", "create", "--slug", "closed", "--uri", closed, "--scopes", "tools/query");
            stack.admin("resource", "create", "--slug", "open", "--uri", open, "--scopes", "tools/query");
            JsonNode worker = stack.createClient("worker", "tools/query");
            JsonNode gateway = ExampleStack.JSON.readTree(stack.admin("client", "create", "--name", "gateway",
                    "--grant-types", "none", "--introspect", "--resources", "closed,open", "--json").stdout());
            String gatewayId = gateway.path("client_id").asText();
            String gatewaySecret = gateway.path("client_secret").asText();
            Path secretFile = Files.writeString(stack.workDir.resolve("gateway.secret"), gatewaySecret + "\n");

            try (JarProcess failClosed = startMcp(stack, closedPort, Map.of(), List.of("--introspection-client-id",
                    gatewayId, "--introspection-client-secret-file", secretFile.toString()));
                 JarProcess failOpen = startMcp(stack, openPort, Map.of("MCP_INTROSPECTION_CLIENT_SECRET", gatewaySecret),
                         List.of("--introspection-client-id", gatewayId, "--introspection-fail-open"))) {
                assertThat(failClosed.stdoutText()).contains("introspecting tokens, staleness 2s, fail-closed");
                assertThat(failOpen.stdoutText()).contains("introspecting tokens, staleness 2s, fail-open");

                String revoked = stack.token(worker, closed);
                String kept = stack.token(worker, closed);
                assertThat(call(closed, revoked).statusCode()).as("active before the revocation").isEqualTo(200);
                stack.admin("issuance", "revoke", jti(revoked));
                Duration refusedAfter = awaitStatus(closed, revoked, 401, STALENESS.plusSeconds(2));
                System.out.printf("introspection: revoked token refused by the MCP server after %d ms (staleness %d s)%n",
                        refusedAfter.toMillis(), STALENESS.toSeconds());
                assertThat(call(closed, revoked).headers().firstValue("WWW-Authenticate").orElseThrow())
                        .contains("error=\"invalid_token\"");
                assertThat(call(closed, kept).statusCode()).as("another token stays accepted").isEqualTo(200);

                String openToken = stack.token(worker, open);
                assertThat(call(open, openToken).statusCode()).isEqualTo(200);
                stack.stopAuthorizationServer();
                Thread.sleep(STALENESS.plusMillis(500).toMillis());

                HttpResponse<String> unavailable = call(closed, kept);
                assertThat(unavailable.statusCode()).as("fail-closed during the outage").isEqualTo(503);
                assertThat(unavailable.headers().firstValue("Retry-After")).isPresent();
                assertThat(unavailable.headers().firstValue("WWW-Authenticate")).as("not a verdict on the token").isEmpty();
                assertThat(ExampleStack.JSON.readTree(unavailable.body()).path("error").asText())
                        .isEqualTo("temporarily_unavailable");
                assertThat(call(open, openToken).statusCode()).as("fail-open during the outage").isEqualTo(200);
                assertThat(failClosed.stderrText() + failOpen.stderrText()).doesNotContain(gatewaySecret)
                        .doesNotContain(kept).doesNotContain(openToken);
            }
        }
    }
}
