package dev.authplane.examples.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the README's walk-through against the built jars, each a separate process on free
 * ports: {@code serve} with the grant enabled, {@code admin resource create}, {@code admin client
 * create}, the {@code curl} token request, the {@code cut | base64 -d | jq} decode,
 * {@code admin issuance list}, the example MCP server and the backend worker's tool call. Each step
 * asserts what the README shows the user.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadmeWalkthroughTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int publicPort = FreePorts.next();
    private final int adminPort = FreePorts.next();
    private final int mcpPort = FreePorts.next();
    private final String issuer = "http://localhost:" + publicPort;
    private final String resourceUri = "http://localhost:" + mcpPort + "/mcp";
    private final HttpClient http = HttpClient.newHttpClient();

    private Path workDir;
    private JarProcess server;
    private JarProcess mcpServer;
    private String clientId;
    private String clientSecret;
    private String accessToken;

    @BeforeAll
    void startServer() {
        workDir = Jars.newWorkDir("walkthrough");
        Map<String, String> env = serverEnv();
        env.put("AUTHPLANE_CLIENT_CREDENTIALS_ENABLED", "true");
        server = JarProcess.start("authserver", Jars.AUTHSERVER, workDir, env, List.of("serve"));
        server.awaitStdoutLine(Pattern.compile("AuthPlane ready"), START_TIMEOUT);
    }

    @AfterAll
    void stopAll() {
        if (mcpServer != null) {
            mcpServer.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** What the README's shell has: the ports of this run, everything else at its default. */
    private Map<String, String> serverEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("AUTHPLANE_SERVER_PORT", Integer.toString(publicPort));
        env.put("AUTHPLANE_SERVER_ISSUER", issuer);
        env.put("AUTHPLANE_ADMIN_PORT", Integer.toString(adminPort));
        env.put("AUTHPLANE_SECURITY_BCRYPT_COST", "4");
        return env;
    }

    private JarProcess.Result admin(String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("admin"));
        argv.addAll(List.of(args));
        return JarProcess.run("authserver admin", Jars.AUTHSERVER, workDir, serverEnv(), argv, COMMAND_TIMEOUT);
    }

    @Test
    @Order(1)
    void serveGeneratesTheAdminKeyIntoTheDataDirectoryWithOwnerOnlyPermissions() throws Exception {
        Path keyFile = workDir.resolve("authplane-data/admin-api-key");

        assertThat(keyFile).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(server.stdoutText()).contains("token endpoint " + issuer + "/oauth/token")
                .contains("admin API http://127.0.0.1:" + adminPort);
    }

    @Test
    @Order(2)
    void resourceCreatePrintsTheRegisteredResource() {
        JarProcess.Result result = admin("resource", "create", "--slug", "my-mcp", "--uri", resourceUri,
                "--backend-kind", "mint", "--scopes", "tools/query||Query tools");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).startsWith("Created resource my-mcp")
                .contains("uri           " + resourceUri)
                .contains("scopes        tools/query (Query tools)");
    }

    @Test
    @Order(3)
    void clientCreatePrintsIdAndSecretOnceAndSaysSo() {
        JarProcess.Result result = admin("client", "create", "--name", "backend-worker", "--grant-types",
                "client_credentials", "--auth-method", "client_secret_post", "--scopes", "tools/query||Query tools");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).startsWith("Created client backend-worker")
                .contains("will not be shown again");
        clientId = field(result.stdout(), "client_id");
        clientSecret = field(result.stdout(), "client_secret");
        assertThat(clientId).matches("[A-Za-z0-9_-]{16,}");
        assertThat(clientSecret).matches("[A-Za-z0-9_-]{43,}");
    }

    @Test
    @Order(4)
    void curlTokenRequestReturnsABearerTokenForTheResource() throws Exception {
        String curl = "curl -s -X POST " + issuer + "/oauth/token"
                + " -d \"grant_type=client_credentials\""
                + " -d \"client_id=$CLIENT_ID\""
                + " -d \"client_secret=$CLIENT_SECRET\""
                + " -d \"scope=tools/query\""
                + " -d \"resource=" + resourceUri + "\"";
        JsonNode response = JSON.readTree(Shell.hasCommands("curl") ? shell(curl) : postTokenRequest());

        assertThat(response.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(response.path("expires_in").asInt()).isEqualTo(3600);
        assertThat(response.path("scope").asText()).isEqualTo("tools/query");
        assertThat(response.has("refresh_token")).isFalse();
        accessToken = response.path("access_token").asText();
        assertThat(accessToken.split("\\.")).hasSize(3);
    }

    @Test
    @Order(5)
    void decodedTokenShowsSubEqualToClientIdAndTheResourceAsAudience() throws Exception {
        String decoded = Shell.hasCommands("cut", "base64", "jq")
                ? shell("echo \"$ACCESS_TOKEN\" | cut -d. -f2 | base64 -d 2>/dev/null | jq -c '{sub, client_id, aud, scope}'")
                : decodeInJava(accessToken);
        JsonNode claims = JSON.readTree(decoded);

        assertThat(claims.path("sub").asText()).isEqualTo(clientId);
        assertThat(claims.path("client_id").asText()).isEqualTo(clientId);
        assertThat(claims.path("aud").asText()).isEqualTo(resourceUri);
        assertThat(claims.path("scope").asText()).isEqualTo("tools/query");
    }

    @Test
    @Order(6)
    void issuanceListShowsTheTokenJustIssued() {
        JarProcess.Result result = admin("issuance", "list", "--client", "backend-worker", "--limit", "3");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        String[] lines = result.stdout().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("ISSUED AT").contains("CLIENT", "RESOURCE", "SCOPE", "JTI");
        assertThat(lines[1]).contains("backend-worker", clientId, resourceUri, "tools/query", "Bearer");
    }

    @Test
    @Order(7)
    void mcpServerAnswersWithoutATokenWith401PointingAtItsMetadata() throws Exception {
        mcpServer = JarProcess.start("mcp-server", Jars.MCP_SERVER, workDir, Map.of(), List.of(
                "--port", Integer.toString(mcpPort), "--issuer", issuer, "--resource", resourceUri));
        mcpServer.awaitStdoutLine(Pattern.compile("MCP server ready"), START_TIMEOUT);

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(resourceUri))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer resource_metadata=\""
                + "http://localhost:" + mcpPort + "/.well-known/oauth-protected-resource/mcp\"");
        JsonNode metadata = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + mcpPort + "/.well-known/oauth-protected-resource/mcp")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(metadata.path("resource").asText()).isEqualTo(resourceUri);
        assertThat(metadata.path("authorization_servers").get(0).asText()).isEqualTo(issuer);
    }

    @Test
    @Order(8)
    void backendWorkerGetsATokenAndCallsTheQueryTool() {
        Map<String, String> env = Map.of("BACKEND_CLIENT_ID", clientId, "BACKEND_SECRET", clientSecret);
        JarProcess.Result result = JarProcess.run("backend-worker", Jars.WORKER, workDir, env, List.of(
                "--token-url", issuer + "/oauth/token", "--resource", resourceUri, "--scope", "tools/query"),
                COMMAND_TIMEOUT);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("token: Bearer, expires in 3600s, claims {\"sub\":\"" + clientId
                + "\",\"client_id\":\"" + clientId + "\",\"aud\":\"" + resourceUri + "\",\"scope\":\"tools/query\"}");
        assertThat(result.stdout()).containsPattern("query: .*client_id " + Pattern.quote(clientId));
    }

    @Test
    @Order(9)
    void workerWithAWrongSecretFailsWithOneLineNamingInvalidClient() {
        Map<String, String> env = Map.of("BACKEND_CLIENT_ID", clientId, "BACKEND_SECRET", "wrong-secret");
        JarProcess.Result result = JarProcess.run("backend-worker", Jars.WORKER, workDir, env, List.of(
                "--token-url", issuer + "/oauth/token", "--resource", resourceUri), COMMAND_TIMEOUT);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr().strip()).startsWith("backend-worker: token request refused (HTTP 401): invalid_client")
                .doesNotContain("\n").doesNotContain("wrong-secret");
    }

    @Test
    @Order(10)
    void serveStopsCleanlyOnSigterm() {
        JarProcess.Result result = server.terminate(Duration.ofSeconds(20));

        assertThat(result.stderr()).doesNotContain("Exception");
        assertThat(server.isAlive()).isFalse();
    }

    private String shell(String command) {
        Map<String, String> env = new HashMap<>();
        env.put("CLIENT_ID", clientId);
        env.put("CLIENT_SECRET", clientSecret);
        if (accessToken != null) {
            env.put("ACCESS_TOKEN", accessToken);
        }
        Shell.Result result = Shell.run(command, env, workDir, COMMAND_TIMEOUT);
        assertThat(result.exitCode()).as(command + "\n" + result).isZero();
        return result.stdout();
    }

    private String postTokenRequest() throws Exception {
        String form = "grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + clientSecret
                + "&scope=tools/query&resource=" + resourceUri;
        return http.send(HttpRequest.newBuilder(URI.create(issuer + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String decodeInJava(String jwt) throws Exception {
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        Map<String, JsonNode> picked = new java.util.LinkedHashMap<>();
        for (String name : List.of("sub", "client_id", "aud", "scope")) {
            picked.put(name, claims.get(name));
        }
        return JSON.writeValueAsString(picked);
    }

    /** The value printed after {@code name} on its own indented line, as a user reads it off the screen. */
    private static String field(String output, String name) {
        Matcher m = Pattern.compile("(?m)^\\s+" + Pattern.quote(name) + "\\s+(\\S+)\\s*$").matcher(output);
        assertThat(m.find()).as("'" + name + "' in\n" + output).isTrue();
        return m.group(1);
    }
}
