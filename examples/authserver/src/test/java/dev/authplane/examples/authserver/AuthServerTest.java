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

    void tokensSignedByTheChosenProviderVerifyWithTheJdkForAutoAndForJdk() throws Exception {
        for (String choice : new String[] {"auto", "jdk"}) {
            Path dir = dataDir.resolve(choice);
            try (AuthServer server = TestServers.start(dir, Map.of("AUTHPLANE_SIGNING_CRYPTO_PROVIDER", choice))) {
                Map<String, String> env = Map.of("AUTHPLANE_ADMIN_URL", server.adminUrl(), "AUTHPLANE_DATA_DIR", dir.toString());
                assertThat(TestServers.admin(env, "resource", "create", "--slug", "signed", "--uri",
                        "https://signed.example/mcp", "--scopes", "tools/query").exitCode()).isZero();
                com.fasterxml.jackson.databind.JsonNode client = new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(TestServers.admin(env, "client", "create", "--name", "signer", "--auth-method",
                                "client_secret_post", "--scopes", "tools/query", "--json").out());
                String base = "http://127.0.0.1:" + server.publicPort();
                HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        base + "/oauth/token")).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                                + client.get("client_id").asText() + "&client_secret=" + client.get("client_secret").asText()
                                + "&resource=https://signed.example/mcp")).build(), HttpResponse.BodyHandlers.ofString());
                String jwks = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        base + "/.well-known/jwks.json")).build(), HttpResponse.BodyHandlers.ofString()).body();

                assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
                com.nimbusds.jwt.SignedJWT jwt = com.nimbusds.jwt.SignedJWT.parse(new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(token.body()).get("access_token").asText());
                com.nimbusds.jose.jwk.ECKey key = com.nimbusds.jose.jwk.JWKSet.parse(jwks)
                        .getKeyByKeyId(jwt.getHeader().getKeyID()).toECKey();
                assertThat(jwt.verify(new com.nimbusds.jose.crypto.ECDSAVerifier(key)))
                        .as(choice + ": the JDK verifies the token").isTrue();
            }
        }
    }

    @Test
    void aNamedCryptoProviderThatIsNotInstalledStopsTheStartWithOneLine() {
        assertThatThrownBy(() -> TestServers.start(dataDir, Map.of("AUTHPLANE_SIGNING_CRYPTO_PROVIDER", "NoSuchProvider")))
                .isInstanceOf(CliException.class).hasMessage("signing.crypto_provider: no JCA provider named"
                        + " 'NoSuchProvider' is installed (use auto, jdk, or an installed provider's name)"
                        + " (env AUTHPLANE_SIGNING_CRYPTO_PROVIDER)");
        assertThat(dataDir).as("nothing written before the setting is checked").isEmptyDirectory();
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
