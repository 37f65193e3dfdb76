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

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static dev.authplane.examples.e2e.ReadmeReplay.field;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the README's "revoke a leaked token" and "rotate a secret without downtime"
 * walk-throughs after the first walk-through's setup (server, resource, client, token, MCP
 * server), each command as the README shows it, on free ports, asserting what the README shows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LifecycleWalkthroughTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String GATEWAY_CREATE = "./authserver admin client create --name mcp-gateway --grant-types none"
            + " --introspect --resources my-mcp --auth-method client_secret_post";
    private static final String INTROSPECT = "curl -s -X POST http://localhost:9000/oauth/introspect"
            + " -d \"client_id=$GATEWAY_ID\" -d \"client_secret=$GATEWAY_SECRET\" -d \"token=$ACCESS_TOKEN\"";
    private static final String INTROSPECT_JQ = INTROSPECT + " | jq '{active, client_id, scope}'";
    private static final String ROTATE = "./authserver admin client rotate-secret backend-worker --keep-old-for 24h";
    private static final String OLD_WORKER = "BACKEND_CLIENT_ID=$CLIENT_ID BACKEND_SECRET=$CLIENT_SECRET"
            + " java -jar examples/backend-worker/target/backend-worker.jar --token-url http://localhost:9000/oauth/token"
            + " --resource http://localhost:8080/mcp --scope tools/query";
    private static final String NEW_WORKER = OLD_WORKER.replace("$CLIENT_SECRET", "$NEW_SECRET");

    private final Readme readme = Readme.load();
    private final int publicPort = FreePorts.next();
    private final int adminPort = FreePorts.next();
    private final int mcpPort = FreePorts.next();
    private final String issuer = "http://localhost:" + publicPort;
    private final Map<String, String> env = new HashMap<>();

    private Path workDir;
    private ReadmeReplay replay;
    private JarProcess server;
    private JarProcess mcpServer;

    @BeforeAll
    void startAndSetUp() throws Exception {
        workDir = Jars.newWorkDir("lifecycle");
        replay = new ReadmeReplay(readme, workDir, publicPort, mcpPort);
        env.put("AUTHPLANE_SERVER_PORT", Integer.toString(publicPort));
        env.put("AUTHPLANE_SERVER_ISSUER", issuer);
        env.put("AUTHPLANE_ADMIN_PORT", Integer.toString(adminPort));
        Map<String, String> serverEnv = new HashMap<>(env);
        serverEnv.put("AUTHPLANE_CLIENT_CREDENTIALS_ENABLED", "true");
        serverEnv.put("AUTHPLANE_SECURITY_BCRYPT_COST", "4");
        server = JarProcess.start("authserver", Jars.AUTHSERVER, workDir, serverEnv, List.of("serve"));
        server.awaitStdoutLine(Pattern.compile("AuthPlane ready"), START_TIMEOUT);
        String resourceUri = "http://localhost:" + mcpPort + "/mcp";
        mcpServer = JarProcess.start("mcp-server", Jars.MCP_SERVER, workDir, Map.of(), List.of(
                "--port", Integer.toString(mcpPort), "--issuer", issuer, "--resource", resourceUri));
        mcpServer.awaitStdoutLine(Pattern.compile("MCP server ready"), START_TIMEOUT);

        replay.run(ReadmeWalkthroughTest.RESOURCE_CREATE, env);
        String client = replay.run(ReadmeWalkthroughTest.CLIENT_CREATE, env).stdout();
        env.put("CLIENT_ID", field(client, "client_id"));
        env.put("CLIENT_SECRET", field(client, "client_secret"));
        env.put("ACCESS_TOKEN", JSON.readTree(replay.run(ReadmeWalkthroughTest.CURL_TOKEN, env).stdout())
                .path("access_token").asText());
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

    @Test
    @Order(1)
    void anIntrospectingClientIsCreatedWithoutGrantTypesForItsResource() {
        String out = replay.run(GATEWAY_CREATE, env).stdout();

        String shown = "  grant types    -\n  auth method    client_secret_post\n  scopes         -\n"
                + "  resources      my-mcp\n";
        assertThat(out).startsWith("Created client mcp-gateway\n").contains(shown);
        readme.assertShows(shown);
        env.put("GATEWAY_ID", field(out, "client_id"));
        env.put("GATEWAY_SECRET", field(out, "client_secret"));
        readme.assertShows("export GATEWAY_ID=");
    }

    @Test
    @Order(2)
    void theLeakedTokenIsActiveBeforeItIsRevoked() throws Exception {
        JsonNode answer = JSON.readTree(replay.run(INTROSPECT_JQ, env).stdout());

        assertThat(answer.path("active").asBoolean()).isTrue();
        assertThat(answer.path("client_id").asText()).isEqualTo(env.get("CLIENT_ID"));
        assertThat(answer.path("scope").asText()).isEqualTo("tools/query");
        readme.assertShows("\"active\": true");
    }

    @Test
    @Order(3)
    void revokingItByJtiMakesIntrospectionAnswerInactiveAndTheAuditShowsIt() throws Exception {
        String jti = JSON.readTree(new String(java.util.Base64.getUrlDecoder().decode(
                env.get("ACCESS_TOKEN").split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8)).path("jti").asText();
        readme.assertShows("export JTI=$(echo \"$ACCESS_TOKEN\" | cut -d. -f2 | base64 -d 2>/dev/null | jq -r .jti)");
        env.put("JTI", jti);

        String out = replay.run("./authserver admin issuance revoke \"$JTI\"", env).stdout();

        assertThat(out).matches("Revoked token " + jti + " of backend-worker \\(revoked by an administrator at \\S+Z\\)\n");
        readme.assertShows("of backend-worker (revoked by an administrator at ");
        assertThat(replay.run(INTROSPECT, env).stdout()).isEqualTo("{\"active\":false}");
        readme.assertShows("{\"active\":false}");
        String revoked = replay.run("./authserver admin issuance list --client backend-worker --revoked", env).stdout();
        assertThat(revoked.lines().skip(1).toList()).singleElement().satisfies(row ->
                assertThat(row).contains(jti).matches(".*  \\d{4}-\\d\\d-\\d\\dT\\S+Z$"));
    }

    @Test
    @Order(4)
    void aRotationWithAGracePeriodKeepsBothSecretsWorking() {
        String out = replay.run(ROTATE, env).stdout();

        assertThat(out).startsWith("New secret for client backend-worker\n");
        String prefix = "The old secret keeps working until ";
        String line = out.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
        Instant until = Instant.parse(line.substring(prefix.length(), line.length() - 1));
        assertThat(Duration.between(Instant.now(), until)).isBetween(Duration.ofHours(24).minusMinutes(1),
                Duration.ofHours(24));
        readme.assertShows("The old secret keeps working until ");
        env.put("NEW_SECRET", field(out, "client_secret"));
        readme.assertShows("export NEW_SECRET=");
        assertThat(env.get("NEW_SECRET")).isNotEqualTo(env.get("CLIENT_SECRET"));

        for (String worker : List.of(OLD_WORKER, NEW_WORKER)) {
            String answer = replay.run(worker, env).stdout();
            assertThat(answer).as(worker).startsWith("token: Bearer, expires in 3600s")
                    .contains("query: Query \"status of the nightly build\" answered for client_id " + env.get("CLIENT_ID"));
        }
    }
}
