package dev.authplane.examples.authserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin CLI's secret lifecycle against a real server over HTTP: rotation with an overlap,
 * secret expiry, per-client token lifetimes, and the columns and filters of {@code client list}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretLifecycleCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESOURCE = "https://life.example/mcp";

    @TempDir
    static Path dataDir;

    private AuthServer server;
    private Map<String, String> env;

    @BeforeAll
    void start() {
        server = TestServers.start(dataDir, Map.of());
        env = Map.of("AUTHPLANE_ADMIN_URL", server.adminUrl(), "AUTHPLANE_DATA_DIR", dataDir.toString());
        assertThat(admin("resource", "create", "--slug", "life", "--uri", RESOURCE, "--scopes", "tools/query")
                .exitCode()).isZero();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private TestServers.Run admin(String... args) {
        return TestServers.admin(env, args);
    }

    private JsonNode json(TestServers.Run run) throws Exception {
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return JSON.readTree(run.out());
    }

    private HttpResponse<String> token(String clientId, String secret) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + secret
                + "&resource=https%3A%2F%2Flife.example%2Fmcp";
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + server.publicPort() + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void rotateSecretWithKeepOldForLeavesBothSecretsWorkingAndSaysUntilWhen() throws Exception {
        JsonNode created = json(admin("client", "create", "--name", "fleet", "--auth-method", "client_secret_post",
                "--scopes", "tools/query", "--json"));
        String clientId = created.path("client_id").asText();
        String old = created.path("client_secret").asText();

        TestServers.Run rotated = admin("client", "rotate-secret", "fleet", "--keep-old-for", "24h");

        assertThat(rotated.exitCode()).as(rotated.toString()).isZero();
        assertThat(rotated.out()).contains("client_secret").containsPattern("The old secret keeps working until \\S+Z\\.");
        String fresh = rotated.out().lines().filter(l -> l.strip().startsWith("client_secret")).findFirst()
                .orElseThrow().strip().split("\\s+")[1];
        assertThat(token(clientId, old).statusCode()).as("old secret during the overlap").isEqualTo(200);
        assertThat(token(clientId, fresh).statusCode()).isEqualTo(200);

        json(admin("client", "rotate-secret", "fleet", "--json"));
        assertThat(token(clientId, old).statusCode()).as("a rotation without overlap ends it").isEqualTo(401);
        assertThat(token(clientId, fresh).statusCode()).isEqualTo(401);
    }

    @Test
    void tokenLifetimeAndSecretExpiryShowInClientListAndTheToken() throws Exception {
        JsonNode created = json(admin("client", "create", "--name", "brief", "--auth-method", "client_secret_post",
                "--scopes", "tools/query", "--token-lifetime", "15m", "--secret-expires-in", "10d", "--json"));
        Instant expiry = Instant.parse(created.path("secret_expires_at").asText());
        assertThat(Duration.between(Instant.now(), expiry)).isBetween(Duration.ofDays(10).minusMinutes(1),
                Duration.ofDays(10));
        JsonNode token = JSON.readTree(token(created.path("client_id").asText(),
                created.path("client_secret").asText()).body());
        assertThat(token.path("expires_in").asLong()).isEqualTo(900);

        String list = admin("client", "list").out();
        assertThat(list.lines().findFirst().orElseThrow()).endsWith("INTROSPECT  TOKEN LIFETIME  SECRET EXPIRES");
        assertThat(list).containsPattern("brief .* no +15m +" + expiry.toString().replace(".", "\\."));
        assertThat(admin("client", "list", "--secret-expires-within", "14d").out()).contains("brief")
                .doesNotContain("fleet");
        assertThat(admin("client", "list", "--secret-expires-within", "7d").out()).doesNotContain("brief");

        assertThat(admin("client", "update", "brief", "--token-lifetime", "default").out())
                .endsWith("token lifetime: the server default\n");
    }

    @Test
    void periodsOutOfBoundsAreOneLineErrors() {
        admin("client", "create", "--name", "bounded", "--auth-method", "client_secret_post", "--scopes", "tools/query");

        for (String[] args : new String[][] {{"client", "update", "bounded", "--token-lifetime", "2d"},
                {"client", "rotate-secret", "bounded", "--keep-old-for", "60d"},
                {"client", "create", "--name", "x-bad", "--secret-expires-in", "soon"}}) {
            TestServers.Run run = admin(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(1);
            assertThat(run.err()).startsWith("authserver: ").endsWith("\n")
                    .satisfies(e -> assertThat(e.strip()).doesNotContain("\n"));
        }
    }
}
