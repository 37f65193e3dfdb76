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

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the README's walk-through against the built jars, each a separate process on free
 * ports: {@code serve} with the grant enabled, {@code admin resource create}, {@code admin client
 * create}, the {@code curl} token request, the {@code cut | base64 -d | jq} decode,
 * {@code admin issuance list}, the example MCP server and the backend worker's tool call. Every
 * command is first checked to appear in README.md, then run through {@code bash} with only the
 * ports and jar paths changed; each step asserts what the README shows the user. Needs bash,
 * curl, base64, cut and jq, like the README.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadmeWalkthroughTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String SERVE = "AUTHPLANE_CLIENT_CREDENTIALS_ENABLED=true ./authserver serve";
    static final String RESOURCE_CREATE = "./authserver admin resource create --slug my-mcp"
            + " --uri http://localhost:8080/mcp --backend-kind mint --scopes 'tools/query||Query tools'";
    static final String CLIENT_CREATE = "./authserver admin client create --name backend-worker"
            + " --grant-types client_credentials --auth-method client_secret_post --scopes 'tools/query||Query tools'";
    static final String CURL_TOKEN = "curl -X POST http://localhost:9000/oauth/token"
            + " -d \"grant_type=client_credentials\" -d \"client_id=$CLIENT_ID\" -d \"client_secret=$CLIENT_SECRET\""
            + " -d \"scope=tools/query\" -d \"resource=http://localhost:8080/mcp\"";
    private static final String DECODE = "echo \"$ACCESS_TOKEN\" | cut -d. -f2 | base64 -d | jq '{sub, client_id, aud, scope}'";
    private static final String ISSUANCE_LIST = "./authserver admin issuance list --client backend-worker --limit 3";
    static final String MCP_SERVER = "java -jar examples/mcp-server/target/mcp-server.jar --port 8080"
            + " --issuer http://localhost:9000 --resource http://localhost:8080/mcp";
    private static final String CURL_MCP = "curl -i -X POST http://localhost:8080/mcp";
    static final String WORKER = "BACKEND_CLIENT_ID=$CLIENT_ID BACKEND_SECRET=$CLIENT_SECRET"
            + " java -jar examples/backend-worker/target/backend-worker.jar"
            + " --token-url http://localhost:9000/oauth/token --resource http://localhost:8080/mcp --scope tools/query";

    private static final String KEYGEN = "./authserver admin keygen --kid agent-key-1 --out agent-key.jwk > agent-jwks.json";
    private static final String KEY_CLIENT_CREATE = "./authserver admin client create --name signing-agent"
            + " --auth-method private_key_jwt --jwks-file agent-jwks.json --scopes 'tools/query||Query tools'";
    private static final String KEY_WORKER = "BACKEND_CLIENT_ID=$AGENT_ID java -jar examples/backend-worker/target/backend-worker.jar"
            + " --private-key agent-key.jwk --issuer http://localhost:9000"
            + " --token-url http://localhost:9000/oauth/token --resource http://localhost:8080/mcp --scope tools/query";

    private final Readme readme = Readme.load();
    private final int publicPort = FreePorts.next();
    private final int adminPort = FreePorts.next();
    private final int mcpPort = FreePorts.next();
    private final String issuer = "http://localhost:" + publicPort;
    private final String resourceUri = "http://localhost:" + mcpPort + "/mcp";

    private Path workDir;
    private JarProcess server;
    private JarProcess mcpServer;
    private String clientId;
    private String clientSecret;
    private String accessToken;
    private String agentId;

    @BeforeAll
    void startServer() {
        assertThat(Shell.hasCommands("curl", "base64", "cut", "jq"))
                .as("the README walk-through uses bash, curl, base64, cut and jq; install them").isTrue();
        readme.assertShows(SERVE);
        workDir = Jars.newWorkDir("walkthrough");
        Map<String, String> env = new HashMap<>(userEnv());
        env.put("AUTHPLANE_CLIENT_CREDENTIALS_ENABLED", "true");
        env.put("AUTHPLANE_SECURITY_BCRYPT_COST", "4");
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

    /** The user's shell: this run's ports instead of 9000/9001/8080, the seed's variables once known. */
    private Map<String, String> userEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("AUTHPLANE_SERVER_PORT", Integer.toString(publicPort));
        env.put("AUTHPLANE_SERVER_ISSUER", issuer);
        env.put("AUTHPLANE_ADMIN_PORT", Integer.toString(adminPort));
        putIfKnown(env, "CLIENT_ID", clientId);
        putIfKnown(env, "CLIENT_SECRET", clientSecret);
        putIfKnown(env, "ACCESS_TOKEN", accessToken);
        putIfKnown(env, "AGENT_ID", agentId);
        return env;
    }

    /** Checks that the README shows {@code command}, then runs it on this run's ports and jars. */
    private Shell.Result replay(String command) {
        return new ReadmeReplay(readme, workDir, publicPort, mcpPort).run(command, userEnv());
    }

    @Test
    @Order(1)
    void serveGeneratesTheAdminKeyIntoTheDataDirectoryWithOwnerOnlyPermissions() throws Exception {
        Path keyFile = workDir.resolve("authplane-data/admin-api-key");

        assertThat(keyFile).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(server.stdoutText()).startsWith("AuthPlane ready: issuer " + issuer + " | token endpoint "
                + issuer + "/oauth/token | JWKS " + issuer + "/.well-known/jwks.json | public port " + publicPort
                + " | admin API http://127.0.0.1:" + adminPort + " | database jdbc:h2:file:");
        assertThat(server.stderrText()).contains("authserver: generated an admin API key in ")
                .contains("'authserver admin' reads it from there");
    }

    @Test
    @Order(2)
    void resourceCreatePrintsTheRegisteredResource() {
        String out = replay(RESOURCE_CREATE).stdout();

        assertThat(out).startsWith("Created resource my-mcp (res_")
                .contains("  uri           " + resourceUri + "\n")
                .contains("  backend kind  mint\n")
                .contains("  scopes        tools/query (Query tools)\n");
        readme.assertShows("  backend kind  mint");
        readme.assertShows("  scopes        tools/query (Query tools)");
    }

    @Test
    @Order(3)
    void clientCreatePrintsIdAndSecretOnceAndSaysSo() {
        String out = replay(CLIENT_CREATE).stdout();

        String notice = "Store the client secret now: it will not be shown again (the server keeps only its bcrypt hash).";
        assertThat(out).startsWith("Created client backend-worker\n").contains(notice)
                .contains("  grant types    client_credentials\n  auth method    client_secret_post\n"
                        + "  scopes         tools/query\n");
        readme.assertShows(notice);
        clientId = field(out, "client_id");
        clientSecret = field(out, "client_secret");
        assertThat(clientId).matches("[A-Za-z0-9_-]{16,}");
        assertThat(clientSecret).matches("[A-Za-z0-9_-]{43,}");
    }

    @Test
    @Order(4)
    void curlTokenRequestReturnsABearerTokenForTheResource() throws Exception {
        JsonNode response = JSON.readTree(replay(CURL_TOKEN).stdout());

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
        JsonNode claims = JSON.readTree(replay(DECODE).stdout());

        assertThat(claims.path("sub").asText()).isEqualTo(clientId);
        assertThat(claims.path("client_id").asText()).isEqualTo(clientId);
        assertThat(claims.path("aud").asText()).isEqualTo(resourceUri);
        assertThat(claims.path("scope").asText()).isEqualTo("tools/query");
        assertThat(claims.size()).isEqualTo(4);
    }

    @Test
    @Order(6)
    void issuanceListShowsTheTokenJustIssued() {
        String[] lines = replay(ISSUANCE_LIST).stdout().split("\n");

        assertThat(lines).hasSize(2);
        assertThat(lines[0]).matches("ISSUED AT +CLIENT +CLIENT_ID +AUTH +RESOURCE +SCOPE +TYPE +EXPIRES AT +JTI +REVOKED");
        assertThat(lines[1]).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ  backend-worker  "
                + Pattern.quote(clientId) + "  client_secret_post  " + Pattern.quote(resourceUri)
                + " +tools/query  Bearer  \\S+Z  \\S+  -");
    }

    @Test
    @Order(7)
    void mcpServerStartsAndAnswersWithoutATokenWith401PointingAtItsMetadata() {
        readme.assertShows(MCP_SERVER);
        mcpServer = JarProcess.start("mcp-server", Jars.MCP_SERVER, workDir, Map.of(), List.of(
                "--port", Integer.toString(mcpPort), "--issuer", issuer, "--resource", resourceUri));
        mcpServer.awaitStdoutLine(Pattern.compile("MCP server ready"), START_TIMEOUT);
        assertThat(mcpServer.stdoutText()).isEqualTo("MCP server ready: " + resourceUri + " (tools: query, whoami;"
                + " metadata http://localhost:" + mcpPort + "/.well-known/oauth-protected-resource/mcp; trusting issuer "
                + issuer + ")");

        String out = replay(CURL_MCP).stdout();

        readme.assertShows("HTTP/1.1 401 Unauthorized");
        readme.assertShows("WWW-Authenticate: Bearer resource_metadata=\"http://localhost:8080/.well-known/oauth-protected-resource/mcp\"");
        assertThat(out).startsWith("HTTP/1.1 401 Unauthorized").contains("WWW-Authenticate: Bearer resource_metadata=\""
                + "http://localhost:" + mcpPort + "/.well-known/oauth-protected-resource/mcp\"");
    }

    @Test
    @Order(8)
    void backendWorkerGetsATokenAndCallsTheQueryTool() {
        String out = replay(WORKER).stdout();

        assertThat(out).isEqualTo("token: Bearer, expires in 3600s, claims {\"sub\":\"" + clientId
                + "\",\"client_id\":\"" + clientId + "\",\"aud\":\"" + resourceUri + "\",\"scope\":\"tools/query\"}\n"
                + "query: Query \"status of the nightly build\" answered for client_id " + clientId
                + " (scopes: tools/query)\n");
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
    void issuanceListNowHoldsBothTokensNewestFirst() {
        String[] lines = replay(ISSUANCE_LIST).stdout().split("\n");

        assertThat(lines).hasSize(3);
        assertThat(lines[1].substring(0, 20)).isGreaterThanOrEqualTo(lines[2].substring(0, 20));
    }

    @Test
    @Order(11)
    void keygenAndAPrivateKeyJwtClientAsTheReadmeShows() throws Exception {
        replay(KEYGEN);
        assertThat(Files.getPosixFilePermissions(workDir.resolve("agent-key.jwk")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(JSON.readTree(Files.readString(workDir.resolve("agent-jwks.json"))).path("keys").get(0)
                .path("kid").asText()).isEqualTo("agent-key-1");

        String out = replay(KEY_CLIENT_CREATE).stdout();

        agentId = field(out, "client_id");
        assertThat(out).startsWith("Created client signing-agent\n").contains("  keys         agent-key-1\n")
                .contains("  auth method  private_key_jwt\n").doesNotContain("client_secret")
                .endsWith("No secret: the client signs assertions with its private key.\n");
        readme.assertShows("  keys         agent-key-1");
        readme.assertShows("No secret: the client signs assertions with its private key.");
        readme.assertShows("export AGENT_ID=");
    }

    @Test
    @Order(12)
    void theWorkerWithItsPrivateKeyGetsATokenAndTheAuditSaysHow() {
        String out = replay(KEY_WORKER).stdout();

        assertThat(out).isEqualTo("token: Bearer, expires in 3600s, claims {\"sub\":\"" + agentId
                + "\",\"client_id\":\"" + agentId + "\",\"aud\":\"" + resourceUri + "\",\"scope\":\"tools/query\"}\n"
                + "query: Query \"status of the nightly build\" answered for client_id " + agentId
                + " (scopes: tools/query)\n");
        String audit = replay("./authserver admin issuance list --client signing-agent").stdout();
        assertThat(audit).contains("private_key_jwt (kid agent-key-1)");
        readme.assertShows("private_key_jwt (kid agent-key-1)");
    }

    @Test
    @Order(13)
    void serveStopsCleanlyOnSigterm() {
        JarProcess.Result result = server.terminate(Duration.ofSeconds(20));

        assertThat(result.stderr()).as(result.toString()).endsWith("authserver: stopped").doesNotContain("Exception");
        assertThat(server.isAlive()).isFalse();
    }

    private static void putIfKnown(Map<String, String> env, String name, String value) {
        if (value != null) {
            env.put(name, value);
        }
    }

    private static String field(String output, String name) {
        return ReadmeReplay.field(output, name);
    }
}
