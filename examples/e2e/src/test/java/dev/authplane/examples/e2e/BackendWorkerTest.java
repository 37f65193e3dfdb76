package dev.authplane.examples.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backend worker against the server (tokens live 10 s here) and the example MCP server, all
 * as processes: it re-authenticates before a token expires (no refresh token), and with
 * {@code --dpop} its tokens are bound to its key and every MCP request carries a proof.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackendWorkerTest {

    private static final Duration TIMEOUT = ExampleStack.TIMEOUT;

    private ExampleStack stack;
    private String issuer;
    private String resource;
    private Path workDir;

    @BeforeAll
    void start() {
        stack = new ExampleStack("worker", Map.of("AUTHPLANE_CLIENT_CREDENTIALS_TOKEN_EXPIRY", "10s"), List.of());
        issuer = stack.issuer;
        resource = stack.resource;
        workDir = stack.workDir;
        stack.admin("resource", "create", "--slug", "my-mcp", "--uri", resource, "--scopes", "tools/query||Query tools");
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void workerObtainsAFreshTokenWhenTheCurrentOneIsAboutToExpire() throws Exception {
        JsonNode client = createClient("reauth-worker");

        JarProcess.Result worker = worker(client, "--calls", "2", "--interval-seconds", "6");

        assertThat(worker.stdout().lines().filter(l -> l.startsWith("token: Bearer, expires in 10s"))).hasSize(2);
        assertThat(worker.stdout().lines().filter(l -> l.startsWith("query: "))).hasSize(2);
        assertThat(issuances("reauth-worker")).hasSize(2);
    }

    @Test
    void withDPoPTheTokenIsBoundToTheWorkersKeyAndTheToolCallSucceeds() throws Exception {
        JsonNode client = createClient("dpop-worker");

        JarProcess.Result worker = worker(client, "--dpop");

        Matcher bound = Pattern.compile("(?m)^token: DPoP, expires in 10s, claims .*, bound to key (\\S+)$")
                .matcher(worker.stdout());
        assertThat(bound.find()).as(worker.toString()).isTrue();
        assertThat(worker.stdout()).contains("query: Query \"status of the nightly build\" answered for client_id "
                + client.path("client_id").asText());
        JsonNode row = issuances("dpop-worker").get(0);
        assertThat(row.path("token_type").asText()).isEqualTo("DPoP");
        assertThat(row.path("dpop_jkt").asText()).isEqualTo(bound.group(1));
    }

    @Test
    void workerDiscoversTheTokenEndpointResourceAndScopeFromTheMcpUrlAlone() throws Exception {
        JsonNode client = createClient("discovering-worker");

        JarProcess.Result worker = runWorker(client, List.of(resource));

        assertThat(worker.stdout()).contains("token: Bearer, expires in 10s, claims {\"sub\":\"" + client.path("client_id").asText())
                .contains("\"aud\":\"" + resource + "\"", "\"scope\":\"tools/query\"")
                .contains("query: Query \"status of the nightly build\" answered for client_id " + client.path("client_id").asText());
        assertThat(issuances("discovering-worker")).hasSize(1);
    }

    @Test
    void workerPointedAtSomethingThatIsNotAProtectedMcpServerSaysSoInOneLine() {
        JarProcess.Result result = JarProcess.run("backend-worker", Jars.WORKER, workDir, Map.of(
                "BACKEND_CLIENT_ID", "x", "BACKEND_SECRET", "y"), List.of(issuer + "/health"), TIMEOUT);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr().strip()).startsWith("backend-worker: discovery: ").contains("HTTP 405")
                .doesNotContain("\n");
    }

    private JarProcess.Result worker(JsonNode client, String... extra) {
        List<String> args = new ArrayList<>(List.of("--token-url", issuer + "/oauth/token", "--resource", resource));
        args.addAll(List.of(extra));
        return runWorker(client, args);
    }

    private JarProcess.Result runWorker(JsonNode client, List<String> args) {
        JarProcess.Result result = JarProcess.run("backend-worker", Jars.WORKER, workDir, Map.of(
                "BACKEND_CLIENT_ID", client.path("client_id").asText(),
                "BACKEND_SECRET", client.path("client_secret").asText()), args, TIMEOUT);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    private JsonNode createClient(String name) throws Exception {
        return stack.createClient(name, "tools/query||Query tools");
    }

    private JsonNode issuances(String client) throws Exception {
        return ExampleStack.JSON.readTree(stack.admin("issuance", "list", "--client", client, "--json").stdout())
                .path("issuances");
    }
}
