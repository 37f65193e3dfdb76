package dev.authplane.examples.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backend worker re-authenticates before its token expires: with
 * {@code client_credentials.token_expiry=10s} and two calls six seconds apart, the second call
 * carries a second token (no refresh token involved), and the audit holds both.
 */
class WorkerReauthenticationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int publicPort = FreePorts.next();
    private final int adminPort = FreePorts.next();
    private final int mcpPort = FreePorts.next();
    private final String issuer = "http://localhost:" + publicPort;
    private final String resource = "http://localhost:" + mcpPort + "/mcp";
    private final Path workDir = Jars.newWorkDir("reauth");

    @Test
    void workerObtainsAFreshTokenWhenTheCurrentOneIsAboutToExpire() throws Exception {
        Map<String, String> env = Map.of("AUTHPLANE_SERVER_PORT", Integer.toString(publicPort),
                "AUTHPLANE_SERVER_ISSUER", issuer, "AUTHPLANE_ADMIN_PORT", Integer.toString(adminPort),
                "AUTHPLANE_CLIENT_CREDENTIALS_ENABLED", "true", "AUTHPLANE_CLIENT_CREDENTIALS_TOKEN_EXPIRY", "10s",
                "AUTHPLANE_SECURITY_BCRYPT_COST", "4");
        try (JarProcess server = JarProcess.start("authserver", Jars.AUTHSERVER, workDir, env, List.of("serve"));
             JarProcess mcp = JarProcess.start("mcp-server", Jars.MCP_SERVER, workDir, Map.of(), List.of(
                     "--port", Integer.toString(mcpPort), "--issuer", issuer, "--resource", resource))) {
            server.awaitStdoutLine(Pattern.compile("AuthPlane ready"), TIMEOUT);
            admin("resource", "create", "--slug", "my-mcp", "--uri", resource, "--scopes", "tools/query||Query tools");
            JsonNode client = JSON.readTree(admin("client", "create", "--name", "backend-worker", "--auth-method",
                    "client_secret_post", "--scopes", "tools/query||Query tools", "--json").stdout());
            mcp.awaitStdoutLine(Pattern.compile("MCP server ready"), TIMEOUT);

            JarProcess.Result worker = JarProcess.run("backend-worker", Jars.WORKER, workDir, Map.of(
                    "BACKEND_CLIENT_ID", client.path("client_id").asText(),
                    "BACKEND_SECRET", client.path("client_secret").asText()), List.of(
                    "--token-url", issuer + "/oauth/token", "--resource", resource,
                    "--calls", "2", "--interval-seconds", "6"), TIMEOUT);

            assertThat(worker.exitCode()).as(worker.toString()).isZero();
            assertThat(worker.stdout().lines().filter(l -> l.startsWith("token: Bearer, expires in 10s"))).hasSize(2);
            assertThat(worker.stdout().lines().filter(l -> l.startsWith("query: "))).hasSize(2);
            JsonNode issuances = JSON.readTree(admin("issuance", "list", "--client", "backend-worker", "--json").stdout());
            assertThat(issuances.path("issuances")).hasSize(2);
        }
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
