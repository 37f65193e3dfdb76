package dev.authplane.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static dev.authplane.reliability.MultiNodeTest.awaitTrue;
import static dev.authplane.reliability.MultiNodeTest.token;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two {@code authserver} processes on one PostgreSQL database, over HTTP: a token revoked on one
 * node (by an administrator or by its client) is inactive at the other's introspection within
 * the documented bound ({@code revocation.refresh_interval}, 5 s, plus the poll); a secret rotated
 * with a grace period on one node keeps working at the other until the grace ends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiNodeLifecycleTest {

    /** The documented bound: the revocation refresh interval, plus a second for the poll itself. */
    static final Duration REVOCATION_BOUND = Duration.ofSeconds(6);

    private String url;
    private ServerProcess a;
    private ServerProcess b;
    private TestClient gateway;

    @BeforeAll
    void startTwoNodes() {
        url = Databases.freshPostgresDatabase("lifecycle");
        a = ServerProcess.start("node-a", ServerProcess.environment(WorkDir.fresh("life-a"), Map.of("AUTHPLANE_STORAGE_URL", url)));
        b = ServerProcess.start("node-b", ServerProcess.environment(WorkDir.fresh("life-b"),
                Map.of("AUTHPLANE_STORAGE_URL", url, "AUTHPLANE_SERVER_ISSUER", a.env().get("AUTHPLANE_SERVER_ISSUER"))));
        a.createResource("mcp", EmbeddedServer.RESOURCE);
        JsonNode created = Http.json(ServerProcess.expect(201, a.admin("POST", "/clients", "{\"name\":\"gateway\","
                + "\"grant_types\":[],\"token_endpoint_auth_method\":\"client_secret_post\",\"resources\":[\"mcp\"],"
                + "\"introspect\":true}")).body());
        SecretLedger.record("client-secret", created.path("client_secret").asText());
        gateway = new TestClient(created.path("client_id").asText(), created.path("client_secret").asText(),
                "client_secret_post");
    }

    @AfterAll
    void stopNodes() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (url != null) {
            SecretLedger.recordPrivateKeys(url);
        }
    }

    private boolean active(ServerProcess node, String token) {
        HttpResponse<String> response = Http.postForm(node.uri("/oauth/introspect"), "token=" + token
                + "&client_id=" + gateway.clientId() + "&client_secret=" + gateway.secret());
        assertThat(response.statusCode()).as(ResponseRules.clip(response.body())).isEqualTo(200);
        return Http.json(response.body()).path("active").asBoolean();
    }

    private static String jti(String token) {
        return Http.json(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]))).path("jti").asText();
    }

    @Test
    void aTokenRevokedByAnAdministratorOnOneNodeIsInactiveOnTheOtherWithinTheBound() {
        TestClient worker = a.createClient("revoked-worker", "client_secret_post");
        String revoked = token(a, worker);
        String kept = token(a, worker);
        assertThat(active(b, revoked)).as("B knows the token before the revocation").isTrue();

        ServerProcess.expect(200, a.admin("POST", "/issuances/" + jti(revoked) + "/revoke", null));

        assertThat(active(a, revoked)).as("inactive at once on the revoking node").isFalse();
        Duration seen = awaitTrue(() -> !active(b, revoked), REVOCATION_BOUND);
        System.out.printf("several nodes: token revoked on A inactive at B after %d ms (bound %d s)%n", seen.toMillis(),
                REVOCATION_BOUND.toSeconds());
        assertThat(active(b, kept)).as("another token of the same client stays active").isTrue();
    }

    @Test
    void aTokenItsClientRevokesAtOneNodeIsInactiveAtTheOtherWithinTheBound() {
        TestClient worker = b.createClient("self-revoker", "client_secret_post");
        String token = token(b, worker);
        assertThat(active(a, token)).isTrue();

        HttpResponse<String> response = Http.postForm(b.uri("/oauth/revoke"), "token=" + token + "&client_id="
                + worker.clientId() + "&client_secret=" + worker.secret());
        assertThat(response.statusCode()).isEqualTo(200);

        Duration seen = awaitTrue(() -> !active(a, token), REVOCATION_BOUND);
        System.out.printf("several nodes: token revoked by its client at B inactive at A after %d ms%n", seen.toMillis());
    }

    @Test
    void aSecretRotatedWithAGracePeriodOnOneNodeWorksAtTheOtherUntilTheGraceEnds() {
        TestClient worker = a.createClient("graceful", "client_secret_post");
        JsonNode rotated = Http.json(ServerProcess.expect(200, a.admin("POST", "/clients/graceful/rotate-secret",
                "{\"keep_old_for\":\"3s\"}")).body());
        SecretLedger.record("client-secret", rotated.path("client_secret").asText());
        TestClient fresh = new TestClient(worker.clientId(), rotated.path("client_secret").asText(), worker.authMethod());

        token(b, worker);
        token(b, fresh);
        Duration refused = awaitTrue(() -> Http.postForm(b.tokenEndpoint(), worker.form(EmbeddedServer.RESOURCE))
                .statusCode() == 401, Duration.ofSeconds(8));
        System.out.printf("several nodes: old secret refused at B %d ms after the check started (grace 3 s)%n",
                refused.toMillis());
        token(b, fresh);
    }
}
