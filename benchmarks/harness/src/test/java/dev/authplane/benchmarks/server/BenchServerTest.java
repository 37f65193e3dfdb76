package dev.authplane.benchmarks.server;

import com.nimbusds.jwt.SignedJWT;
import dev.authplane.benchmarks.BenchFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark server's wiring: durable H2 store, registered fixture, token endpoint over loopback HTTP. */
class BenchServerTest {

    @Test
    void everyRegisteredClientGetsAnEs256TokenForTheBenchmarkResource(@TempDir Path dir) throws Exception {
        Path bodies = dir.resolve("bodies.txt");
        try (BenchServer server = BenchServer.start(ServerOptions.parse("port=0", "data-dir=" + dir.resolve("data"),
                "bodies=" + bodies, "clients=2", "bcrypt-cost=4"))) {
            List<String> lines = Files.readAllLines(bodies);
            assertThat(lines).hasSize(2);
            HttpClient http = HttpClient.newHttpClient();
            for (String body : lines) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + server.port() + "/oauth/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                String token = response.body().replaceAll(".*\"access_token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
                SignedJWT jwt = SignedJWT.parse(token);
                assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
                assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(BenchFixture.RESOURCE_URI);
                assertThat(jwt.getJWTClaimsSet().getStringClaim("scope")).isEqualTo(BenchFixture.REQUESTED_SCOPE);
            }
        }
    }

    @Test
    void eachAssertionBodyBuysOneTokenAndIsRefusedWhenReplayed(@TempDir Path dir) throws Exception {
        for (String alg : List.of("ES256", "RS256")) {
            Path assertions = dir.resolve(alg + "-assertions.txt");
            try (BenchServer server = BenchServer.start(ServerOptions.parse("port=0",
                    "data-dir=" + dir.resolve(alg), "bodies=" + dir.resolve(alg + "-bodies.txt"), "clients=2",
                    "bcrypt-cost=4", "key-alg=" + alg, "assertions=5", "assertion-bodies=" + assertions))) {
                List<String> lines = Files.readAllLines(assertions);
                assertThat(lines).hasSize(5).doesNotHaveDuplicates();
                for (String body : lines) {
                    HttpResponse<String> response = post(server, body);
                    assertThat(response.statusCode()).as(alg).isEqualTo(200);
                    assertThat(SignedJWT.parse(accessToken(response)).getJWTClaimsSet().getAudience())
                            .containsExactly(BenchFixture.RESOURCE_URI);
                }
                HttpResponse<String> replay = post(server, lines.get(0));
                assertThat(replay.statusCode()).as(alg + " replay").isEqualTo(401);
                assertThat(replay.body()).contains("invalid_client");
            }
        }
    }

    @Test
    void introspectionBodiesAskAboutLiveTokensAndLifecycleOffServesNeitherEndpoint(@TempDir Path dir) throws Exception {
        Path bodies = dir.resolve("introspect-bodies.txt");
        try (BenchServer server = BenchServer.start(ServerOptions.parse("port=0", "data-dir=" + dir.resolve("i"),
                "bodies=" + bodies, "clients=2", "bcrypt-cost=4", "introspect=true"))) {
            List<String> lines = Files.readAllLines(bodies);
            assertThat(lines).hasSize(2).doesNotHaveDuplicates();
            for (String body : lines) {
                HttpResponse<String> response = post(server, "/oauth/introspect", body);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).contains("\"active\":true").contains(BenchFixture.RESOURCE_URI);
            }
            assertThat(post(server, "/oauth/introspect", lines.get(0).replaceFirst("token=[^&]+", "token=x")).body())
                    .isEqualTo("{\"active\":false}");
        }
        try (BenchServer server = BenchServer.start(ServerOptions.parse("port=0", "data-dir=" + dir.resolve("o"),
                "bodies=" + dir.resolve("off-bodies.txt"), "clients=1", "bcrypt-cost=4", "lifecycle=off"))) {
            assertThat(post(server, Files.readAllLines(dir.resolve("off-bodies.txt")).get(0)).statusCode()).isEqualTo(200);
            assertThat(post(server, "/oauth/introspect", "token=x").statusCode()).isIn(404, 405);
            assertThat(post(server, "/oauth/revoke", "token=x").statusCode()).isIn(404, 405);
        }
    }

    private static HttpResponse<String> post(BenchServer server, String body) throws Exception {
        return post(server, "/oauth/token", body);
    }

    private static HttpResponse<String> post(BenchServer server, String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String accessToken(HttpResponse<String> response) {
        return response.body().replaceAll(".*\"access_token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    @Test
    void metricsOnRecordsEveryTokenInTheRegistryAndMetricsOffHasNone(@TempDir Path dir) throws Exception {
        try (BenchServer server = BenchServer.start(ServerOptions.parse("port=0", "data-dir=" + dir.resolve("m"),
                "bodies=" + dir.resolve("m-bodies.txt"), "clients=2", "bcrypt-cost=4", "metrics=on"))) {
            for (String body : Files.readAllLines(dir.resolve("m-bodies.txt"))) {
                assertThat(post(server, body).statusCode()).isEqualTo(200);
            }
            assertThat(server.metrics()).hasValueSatisfying(m -> assertThat(m.registry()
                    .get("authplane.tokens.issued").counter().count()).isEqualTo(2));
        }
        try (BenchServer server = BenchServer.start(ServerOptions.parse("port=0", "data-dir=" + dir.resolve("n"),
                "bodies=" + dir.resolve("n-bodies.txt"), "clients=1", "bcrypt-cost=4"))) {
            assertThat(server.metrics()).isEmpty();
        }
    }

    @Test
    void theNativeProviderSignsTokensTheJdkVerifies(@TempDir Path dir) throws Exception {
        try (BenchServer server = BenchServer.start(ServerOptions.parse("port=0", "data-dir=" + dir.resolve("c"),
                "bodies=" + dir.resolve("c-bodies.txt"), "clients=1", "bcrypt-cost=4", "crypto-provider=auto"))) {
            HttpResponse<String> response = post(server, Files.readAllLines(dir.resolve("c-bodies.txt")).get(0));
            assertThat(response.statusCode()).isEqualTo(200);
            SignedJWT jwt = SignedJWT.parse(accessToken(response));
            assertThat(jwt.verify(new com.nimbusds.jose.crypto.ECDSAVerifier(server.authPlane().keys().publicJwkSet()
                    .getKeyByKeyId(jwt.getHeader().getKeyID()).toECKey()))).isTrue();
            assertThat(server.authPlane().config().cryptoProvider() != null)
                    .as("native exactly where Conscrypt loads").isEqualTo(org.conscrypt.Conscrypt.isAvailable());
        }
    }

    @Test
    void unknownServerArgumentIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerOptions.parse("port=0", "data-dir=/tmp/x",
                        "bodies=/tmp/y", "colour=blue"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("colour");
    }
}
