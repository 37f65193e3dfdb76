package dev.authplane.examples.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official MCP client SDKs, unmodified, against the example MCP server and the authorization
 * server, all as processes: the TypeScript SDK's {@code ClientCredentialsProvider} and the Python
 * SDK's {@code ClientCredentialsOAuthProvider}. Each starts with a stored token the MCP server
 * rejects and must recover with one token request (discovery from the 401: RFC 9728, then RFC 8414
 * with its {@code authorization_endpoint}; HTTP Basic for a {@code client_secret_post} client), then
 * lists tools, calls {@code whoami}, and calls {@code query}, which needs a scope the first token
 * lacks: the MCP server answers 403 {@code insufficient_scope} before the tool runs and the SDK steps
 * up with one more token request. The MCP server requires {@code tools/basic} for every request, so
 * its 401 challenge names that scope and its 403 names {@code tools/basic tools/query}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfficialSdkInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int publicPort = FreePorts.next();
    private final int adminPort = FreePorts.next();
    private final int mcpPort = FreePorts.next();
    private final String issuer = "http://localhost:" + publicPort;
    private final String resource = "http://localhost:" + mcpPort + "/mcp";
    private final Path workDir = Jars.newWorkDir("interop");

    private Path scripts;
    private JarProcess server;
    private JarProcess mcp;

    @BeforeAll
    void start() {
        scripts = InteropToolchains.ready(workDir.getParent());
        server = JarProcess.start("authserver", Jars.AUTHSERVER, workDir, Map.of(
                "AUTHPLANE_SERVER_PORT", Integer.toString(publicPort), "AUTHPLANE_SERVER_ISSUER", issuer,
                "AUTHPLANE_ADMIN_PORT", Integer.toString(adminPort), "AUTHPLANE_CLIENT_CREDENTIALS_ENABLED", "true",
                "AUTHPLANE_SECURITY_BCRYPT_COST", "4"), List.of("serve"));
        mcp = JarProcess.start("mcp-server", Jars.MCP_SERVER, workDir, Map.of(), List.of("--port", Integer.toString(mcpPort),
                "--issuer", issuer, "--resource", resource, "--required-scope", "tools/basic"));
        server.awaitStdoutLine(Pattern.compile("AuthPlane ready"), TIMEOUT);
        admin("resource", "create", "--slug", "my-mcp", "--uri", resource,
                "--scopes", "tools/basic||Connect", "--scopes", "tools/query||Query tools");
        admin("resource", "create", "--slug", "other-mcp", "--uri", "http://localhost:1/other", "--scopes", "tools/basic");
        mcp.awaitStdoutLine(Pattern.compile("MCP server ready"), TIMEOUT);
    }

    @AfterAll
    void stop() {
        if (mcp != null) {
            mcp.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void typescriptSdkRecoversFromARejectedTokenAndStepsUpOnTheScopeChallenge() throws Exception {
        JsonNode client = createClient("ts-sdk-worker", "tools/basic||Connect");
        try (JarProcess ts = JarProcess.exec("ts-client", List.of("node", "ts_client.mjs"), scripts, env(client))) {
            ts.awaitStdoutLine(Pattern.compile("\"step\":\"paused\""), TIMEOUT);
            assertThat(issuedScopes("ts-sdk-worker")).as("one token request after the rejected token")
                    .containsExactly("tools/basic");
            admin("client", "update", "ts-sdk-worker", "--scopes", "tools/basic||Connect", "--scopes", "tools/query||Query");
            ts.writeLine("go");
            JarProcess.Result result = ts.awaitExit(TIMEOUT);
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertSteps(result.stdout(), client);
        }
        assertThat(issuedScopes("ts-sdk-worker")).as("one more token request after the 403")
                .containsExactly("tools/basic", "tools/basic tools/query");
    }

    @Test
    void pythonSdkRecoversFromARejectedTokenAndStepsUpToTheChallengedScope() throws Exception {
        JsonNode client = createClient("py-sdk-worker", "tools/basic||Connect", "tools/query||Query");
        try (JarProcess py = JarProcess.exec("py-client", List.of("venv/bin/python", "py_client.py"), scripts, env(client))) {
            JarProcess.Result result = py.awaitExit(TIMEOUT);
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertSteps(result.stdout(), client);
            assertThat(step(result.stdout(), "initialize").path("scope").asText()).isEqualTo("tools/basic");
        }
        assertThat(issuedScopes("py-sdk-worker")).as("the 401 challenge's scope, then the 403 challenge's")
                .containsExactly("tools/basic", "tools/basic tools/query");
    }

    private void assertSteps(String stdout, JsonNode client) throws Exception {
        String clientId = client.path("client_id").asText();
        assertThat(step(stdout, "tools").path("names")).extracting(JsonNode::asText).containsExactly("query", "whoami");
        JsonNode whoami = step(stdout, "whoami");
        assertThat(whoami.path("error").asBoolean()).isFalse();
        assertThat(whoami.path("text").asText()).startsWith("client_id " + clientId + ", sub " + clientId + ", scopes [tools/basic]");
        JsonNode query = step(stdout, "query");
        assertThat(query.path("error").asBoolean()).isFalse();
        assertThat(query.path("text").asText()).isEqualTo("Query \"status of the nightly build\" answered for client_id "
                + clientId + " (scopes: tools/basic tools/query)");
    }

    private static JsonNode step(String stdout, String name) throws Exception {
        for (String line : stdout.lines().toList()) {
            if (line.startsWith("{")) {
                JsonNode node = JSON.readTree(line);
                if (name.equals(node.path("step").asText())) {
                    return node;
                }
            }
        }
        throw new AssertionError("no step " + name + " in\n" + stdout);
    }

    private Map<String, String> env(JsonNode client) throws Exception {
        return Map.of("MCP_URL", resource, "ISSUER", issuer, "CLIENT_ID", client.path("client_id").asText(),
                "CLIENT_SECRET", client.path("client_secret").asText(), "REJECTED_TOKEN", tokenForAnotherResource(client));
    }

    /** A real token of the same client, but for another resource: the MCP server refuses it (audience). */
    private String tokenForAnotherResource(JsonNode client) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + client.path("client_id").asText() + "&client_secret="
                + client.path("client_secret").asText() + "&resource=" + URLEncoder.encode("http://localhost:1/other", StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(issuer + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    private JsonNode createClient(String name, String... scopes) throws Exception {
        List<String> args = new ArrayList<>(List.of("client", "create", "--name", name, "--auth-method", "client_secret_post"));
        for (String scope : scopes) {
            args.addAll(List.of("--scopes", scope));
        }
        args.add("--json");
        return JSON.readTree(admin(args.toArray(String[]::new)).stdout());
    }

    /** The scopes of the client's tokens for the MCP server, oldest first. */
    private List<String> issuedScopes(String client) throws Exception {
        JsonNode rows = JSON.readTree(admin("issuance", "list", "--client", client, "--resource", "my-mcp", "--json").stdout())
                .path("issuances");
        List<String> scopes = new ArrayList<>();
        rows.forEach(row -> scopes.add(0, row.path("scope").asText()));
        return scopes;
    }

    private JarProcess.Result admin(String... args) {
        List<String> argv = new ArrayList<>(List.of("admin"));
        argv.addAll(List.of(args));
        JarProcess.Result result = JarProcess.run("authserver admin", Jars.AUTHSERVER, workDir,
                Map.of("AUTHPLANE_ADMIN_PORT", Integer.toString(adminPort)), argv, TIMEOUT);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }
}
