package dev.authplane.benchmarks.sas;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The peer is configured like AuthPlane's benchmark server: ES256 at+jwt tokens for the same resource and scope. */
class SasServerTest {

    @Test
    void peerIssuesEs256AtJwtTokensForTheBenchmarkResource(@TempDir Path dir) throws Exception {
        Path bodies = dir.resolve("bodies.txt");
        try (SasServer server = SasServer.start(SasOptions.parse("port=0", "data-dir=" + dir.resolve("data"),
                "bodies=" + bodies, "clients=1", "bcrypt-cost=4"))) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/oauth2/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(Files.readAllLines(bodies).get(0))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            String token = response.body().replaceAll(".*\"access_token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            SignedJWT jwt = SignedJWT.parse(token);
            assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
            assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
            assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(SasServer.RESOURCE_URI);
            assertThat(jwt.getJWTClaimsSet().getStringClaim("client_id")).isEqualTo("sas-bench-0");
        }
    }
}
