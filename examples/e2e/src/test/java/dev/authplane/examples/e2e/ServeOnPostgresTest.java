package dev.authplane.examples.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code serve} with {@code AUTHPLANE_STORAGE_URL=jdbc:postgresql:…}: the schema is created on
 * start, the seed's flow works, and clients, keys and issuances survive a restart. Needs
 * {@code AUTHPLANE_TEST_POSTGRES_URL} ({@code eval "$(.ci/postgres.sh start)"}); skipped without it,
 * except with {@code CI=true}, where it fails.
 */
class ServeOnPostgresTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String SCHEMA = "authplane_e2e";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int publicPort = FreePorts.next();
    private final int adminPort = FreePorts.next();
    private final String issuer = "http://localhost:" + publicPort;
    private final Path workDir = Jars.newWorkDir("postgres");

    @Test
    void seedFlowOnPostgresqlSurvivesARestart() throws Exception {
        Map<String, String> env = serverEnv(freshSchemaUrl());
        String clientId;
        String kid;
        try (JarProcess server = startServer(env)) {
            assertThat(server.stdoutText()).contains("database jdbc:postgresql://");
            assertThat(admin("resource", "create", "--slug", "pg-mcp", "--uri", "https://mcp.example.com/mcp",
                    "--scopes", "tools/query||Query tools").exitCode()).isZero();
            JsonNode client = JSON.readTree(admin("client", "create", "--name", "backend-worker", "--auth-method",
                    "client_secret_post", "--scopes", "tools/query||Query tools", "--json").stdout());
            clientId = client.path("client_id").asText();
            JsonNode token = requestToken(clientId, client.path("client_secret").asText());
            assertThat(token.path("scope").asText()).isEqualTo("tools/query");
            kid = JSON.readTree(admin("key", "list", "--json").stdout()).path("keys").get(0).path("kid").asText();
            server.terminate(Duration.ofSeconds(20));
        }
        try (JarProcess restarted = startServer(env)) {
            JsonNode issuances = JSON.readTree(admin("issuance", "list", "--client", "backend-worker", "--json").stdout());
            JsonNode keys = JSON.readTree(admin("key", "list", "--json").stdout());

            assertThat(issuances.path("issuances")).hasSize(1);
            assertThat(issuances.path("issuances").get(0).path("client_id").asText()).isEqualTo(clientId);
            assertThat(keys.path("keys")).hasSize(1);
            assertThat(keys.path("keys").get(0).path("kid").asText()).isEqualTo(kid);
        }
    }

    private Map<String, String> serverEnv(String url) {
        Map<String, String> env = new HashMap<>();
        env.put("AUTHPLANE_SERVER_PORT", Integer.toString(publicPort));
        env.put("AUTHPLANE_SERVER_ISSUER", issuer);
        env.put("AUTHPLANE_ADMIN_PORT", Integer.toString(adminPort));
        env.put("AUTHPLANE_STORAGE_URL", url);
        env.put("AUTHPLANE_CLIENT_CREDENTIALS_ENABLED", "true");
        env.put("AUTHPLANE_SECURITY_BCRYPT_COST", "4");
        env.put("AUTHPLANE_SIGNING_KEY_ENCRYPTION_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        return env;
    }

    private JarProcess startServer(Map<String, String> env) {
        JarProcess server = JarProcess.start("authserver serve", Jars.AUTHSERVER, workDir, env, List.of("serve"));
        server.awaitStdoutLine(Pattern.compile("AuthPlane ready"), TIMEOUT);
        return server;
    }

    private JarProcess.Result admin(String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("admin"));
        argv.addAll(List.of(args));
        JarProcess.Result result = JarProcess.run("authserver admin", Jars.AUTHSERVER, workDir,
                Map.of("AUTHPLANE_ADMIN_PORT", Integer.toString(adminPort)), argv, TIMEOUT);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    private JsonNode requestToken(String clientId, String secret) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + secret
                + "&resource=" + URLEncoder.encode("https://mcp.example.com/mcp", StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(issuer + "/oauth/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The test database URL with a freshly created, empty schema of this test's own. */
    private static String freshSchemaUrl() throws Exception {
        String base = System.getenv("AUTHPLANE_TEST_POSTGRES_URL");
        if (base == null || base.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("AUTHPLANE_TEST_POSTGRES_URL is not set but CI=true (start one: eval \"$(.ci/postgres.sh start)\")");
            }
            Assumptions.abort("AUTHPLANE_TEST_POSTGRES_URL is not set; PostgreSQL test skipped");
        }
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
        }
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
    }
}
