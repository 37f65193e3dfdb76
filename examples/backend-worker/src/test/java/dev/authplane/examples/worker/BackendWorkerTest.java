package dev.authplane.examples.worker;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BackendWorkerTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        return BackendWorker.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true), Clock.systemUTC());
    }

    @Test
    void missingCredentialsIsAUsageErrorNamingTheVariables() {
        int code = run(Map.of("BACKEND_CLIENT_ID", "id"));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("BACKEND_CLIENT_ID and BACKEND_SECRET").doesNotContain("Exception");
    }

    @Test
    void unknownAuthMethodIsAUsageError() {
        int code = run(Map.of("BACKEND_CLIENT_ID", "id", "BACKEND_SECRET", "s"), "--auth-method", "private_key_jwt");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--auth-method must be client_secret_post or client_secret_basic");
    }

    @Test
    void unreachableTokenEndpointIsOneLineAndExitCodeOne() {
        int code = run(Map.of("BACKEND_CLIENT_ID", "id", "BACKEND_SECRET", "s"),
                "--token-url", "http://127.0.0.1:1/oauth/token");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("backend-worker: token endpoint http://127.0.0.1:1/oauth/token unreachable")
                .doesNotContain("\n");
    }

    @Test
    void unreachableMcpServerDuringDiscoveryIsOneLineAndExitCodeOne() {
        int code = run(Map.of("BACKEND_CLIENT_ID", "id", "BACKEND_SECRET", "s"), "http://127.0.0.1:1/mcp");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("backend-worker: discovery: cannot reach http://127.0.0.1:1/mcp");
    }

    @Test
    void claimSummaryShowsTheSeedsFourClaims() {
        String payload = "{\"iss\":\"http://localhost:9000\",\"sub\":\"c1\",\"client_id\":\"c1\","
                + "\"aud\":\"https://mcp.example.com/mcp\",\"scope\":\"tools/query\",\"jti\":\"x\"}";
        String jwt = "eyJhbGciOiJFUzI1NiJ9."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".sig";

        assertThat(BackendWorker.claimSummary(jwt)).isEqualTo(
                "{\"sub\":\"c1\",\"client_id\":\"c1\",\"aud\":\"https://mcp.example.com/mcp\",\"scope\":\"tools/query\"}");
    }
}
