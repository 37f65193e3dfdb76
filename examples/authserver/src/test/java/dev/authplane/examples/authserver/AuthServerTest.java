package dev.authplane.examples.authserver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthServerTest {

    @TempDir
    Path dataDir;

    @Test
    void publicPortServesTheTokenEndpointAndJwksButNotTheAdminApi() throws Exception {
        try (AuthServer server = TestServers.start(dataDir, Map.of())) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.publicPort();

            HttpResponse<String> jwks = http.send(HttpRequest.newBuilder(URI.create(base + "/.well-known/jwks.json"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> admin = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/v1/clients"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(base + "/oauth/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(jwks.statusCode()).isEqualTo(200);
            assertThat(jwks.body()).contains("\"kid\"").doesNotContain("\"d\"");
            assertThat(admin.statusCode()).isEqualTo(404);
            assertThat(token.statusCode()).isEqualTo(401);
            assertThat(token.body()).contains("invalid_client");
        }
    }

    @Test
    void adminPortServesOnlyTheAdminApi() throws Exception {
        try (AuthServer server = TestServers.start(dataDir, Map.of())) {
            HttpResponse<String> jwks = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.adminUrl() + "/.well-known/jwks.json")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(server.adminUrl()).startsWith("http://127.0.0.1:");
            assertThat(jwks.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void readyLineNamesEveryUrlAnOperatorNeeds() {
        try (AuthServer server = TestServers.start(dataDir, Map.of("AUTHPLANE_SERVER_ISSUER", "http://localhost:9000"))) {
            assertThat(server.readyLine()).startsWith("AuthPlane ready: issuer http://localhost:9000")
                    .contains("token endpoint http://localhost:9000/oauth/token")
                    .contains("JWKS http://localhost:9000/.well-known/jwks.json")
                    .contains("admin API " + server.adminUrl())
                    .contains("database jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("authplane"));
        }
    }

    @Test
    void portInUseFailsWithTheSettingAndEnvVarAndLeavesNoDataBehind() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Map<String, String> env = Map.of("AUTHPLANE_SERVER_PORT", Integer.toString(taken.getLocalPort()));
            Path fresh = dataDir.resolve("fresh");

            assertThatThrownBy(() -> TestServers.start(fresh, env))
                    .isInstanceOf(CliException.class)
                    .hasMessage("cannot listen on 127.0.0.1:" + taken.getLocalPort()
                            + " (server.port, env AUTHPLANE_SERVER_PORT): port in use or address not available")
                    .extracting(e -> ((CliException) e).exitCode()).isEqualTo(2);
            assertThat(fresh).doesNotExist();
        }
    }

    @Test
    void serveWithABadSettingExitsTwoWithOneLine() {
        TestServers.Run run = TestServers.cli(Map.of("AUTHPLANE_SIGNING_ALGORITHM", "HS256"), "serve");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("authserver: invalid value for signing.algorithm (env AUTHPLANE_SIGNING_ALGORITHM):"
                + " expected one of ES256 RS256\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void postgresqlUrlThatCannotBeReachedIsOneLineWithoutThePassword() {
        TestServers.Run run = TestServers.cli(Map.of("AUTHPLANE_SERVER_PORT", "0", "AUTHPLANE_ADMIN_PORT", "0",
                "AUTHPLANE_DATA_DIR", dataDir.toString(),
                "AUTHPLANE_STORAGE_URL", "jdbc:postgresql://127.0.0.1:1/authplane?password=hunter2hunter2",
                "AUTHPLANE_STORAGE_PASSWORD", "s3cr3t-password"), "serve");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).containsPattern("(?m)^authserver: cannot open the database "
                        + "jdbc:postgresql://127\\.0\\.0\\.1:1/authplane \\(storage.url, env AUTHPLANE_STORAGE_URL\\): .+$")
                .doesNotContain("hunter2").doesNotContain("s3cr3t-password").doesNotContain("\tat ");
    }

    @Test
    void signingAlgorithmFromTheEnvironmentDecidesTheJwksKeyType() throws Exception {
        try (AuthServer server = TestServers.start(dataDir, Map.of("AUTHPLANE_SIGNING_ALGORITHM", "RS256"))) {
            HttpResponse<String> jwks = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + server.publicPort() + "/.well-known/jwks.json")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(jwks.body()).contains("\"kty\":\"RSA\"").contains("\"alg\":\"RS256\"");
        }
    }
}
