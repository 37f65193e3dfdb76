package dev.authplane.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static dev.authplane.servlet.TestRegistrations.MCP_URI;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /oauth/revoke} (RFC 7009) and {@code /oauth/introspect} (RFC 7662) over real HTTP: a
 * client revokes its own token only and always hears 200; an introspecting client registered
 * through the admin API sees active tokens for its resource and {@code active: false} for the
 * rest; administrative revocation; metadata.
 */
class RevocationIntrospectionEndpointTest {

    private TestServer server;
    private TestRegistrations.RegisteredClient worker;
    private TestRegistrations.RegisteredClient gateway;

    @BeforeEach
    void start() {
        server = TestServer.start();
        worker = TestRegistrations.seed(server);
        HttpResponse<String> created = server.admin("POST", "/clients", "{\"name\":\"gateway\",\"grant_types\":[],"
                + "\"token_endpoint_auth_method\":\"client_secret_basic\",\"resources\":[\"my-mcp\"],\"introspect\":true}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(TestServer.json(created).get("introspect").asBoolean()).isTrue();
        gateway = new TestRegistrations.RegisteredClient(TestServer.json(created).get("client_id").asText(),
                TestServer.json(created).get("client_secret").asText());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String token() {
        HttpResponse<String> response = server.token(TestRegistrations.postForm(worker));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestServer.json(response).get("access_token").asText();
    }

    private HttpResponse<String> post(String path, String form, TestRegistrations.RegisteredClient basic) {
        var request = server.request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
        if (basic != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (basic.clientId() + ":" + basic.clientSecret()).getBytes(StandardCharsets.UTF_8)));
        }
        return server.send(request);
    }

    private JsonNode introspect(String token) {
        HttpResponse<String> response = post("/oauth/introspect", "token=" + token, gateway);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        return TestServer.json(response);
    }

    private HttpResponse<String> revoke(String token, TestRegistrations.RegisteredClient client) {
        return post("/oauth/revoke", "token=" + token + "&token_type_hint=refresh_token&client_id="
                + client.clientId() + "&client_secret=" + client.clientSecret(), null);
    }

    @Test
    void introspectionAnswersTheClaimsOfAnActiveTokenAndFalseForGarbage() {
        JsonNode active = introspect(token());

        assertThat(active.get("active").asBoolean()).isTrue();
        assertThat(active.get("client_id").asText()).isEqualTo(worker.clientId());
        assertThat(active.get("aud").asText()).isEqualTo(MCP_URI);
        assertThat(active.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(active.get("scope").asText()).isEqualTo("tools/query");
        JsonNode garbage = introspect("not-a-token");
        assertThat(garbage.size()).isEqualTo(1);
        assertThat(garbage.get("active").asBoolean()).isFalse();
    }

    @Test
    void aClientRevokesItsOwnTokenWithAWrongHintAndAnotherClientsRevocationChangesNothing() {
        String token = token();
        TestRegistrations.RegisteredClient stranger = TestRegistrations.createClient(server, "stranger",
                "client_secret_post");

        HttpResponse<String> foreign = revoke(token, stranger);
        assertThat(foreign.statusCode()).isEqualTo(200);
        assertThat(foreign.body()).isEmpty();
        assertThat(introspect(token).get("active").asBoolean()).as("not revoked by another client").isTrue();

        assertThat(revoke(token, worker).statusCode()).isEqualTo(200);
        assertThat(introspect(token).get("active").asBoolean()).isFalse();
        assertThat(revoke("unknown.token.value", worker).statusCode()).as("unknown tokens answer 200").isEqualTo(200);

        JsonNode rows = TestServer.json(server.admin("GET", "/issuances?revoked=true", null)).get("issuances");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("revocation_reason").asText()).isEqualTo("revoked by the client");
    }

    @Test
    void withoutTheIntrospectRightOrWithWrongCredentialsTheCallerIsInvalidClient() {
        String token = token();
        HttpResponse<String> notAllowed = post("/oauth/introspect", "token=" + token, worker);
        HttpResponse<String> wrongSecret = post("/oauth/introspect", "token=" + token,
                new TestRegistrations.RegisteredClient(gateway.clientId(), "wrong"));
        HttpResponse<String> noToken = post("/oauth/introspect", "", gateway);

        assertThat(notAllowed.statusCode()).isEqualTo(401);
        assertThat(TestServer.json(notAllowed).get("error").asText()).isEqualTo("invalid_client");
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(wrongSecret.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(noToken.statusCode()).isEqualTo(400);
        assertThat(notAllowed.body()).doesNotContain(token);
        assertThat(introspect(token).get("active").asBoolean()).isTrue();
    }

    @Test
    void administratorsRevokeOneTokenOrAllOfAClientsAndTheMetadataNamesBothEndpoints() {
        String one = token();
        String two = token();
        String jti = TestRegistrations.claims(one).get("jti").asText();

        HttpResponse<String> revoked = server.admin("POST", "/issuances/" + jti + "/revoke", null);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(TestServer.json(revoked).get("revocation_reason").asText()).isEqualTo("revoked by an administrator");
        assertThat(introspect(one).get("active").asBoolean()).isFalse();
        assertThat(introspect(two).get("active").asBoolean()).isTrue();
        assertThat(server.admin("POST", "/issuances/no-such-jti/revoke", null).statusCode()).isEqualTo(404);

        HttpResponse<String> all = server.admin("POST", "/clients/backend-worker/revoke-tokens", null);
        assertThat(TestServer.json(all).get("revoked").asInt()).isEqualTo(1);
        assertThat(introspect(two).get("active").asBoolean()).isFalse();

        JsonNode metadata = TestServer.json(server.get("/.well-known/oauth-authorization-server"));
        assertThat(metadata.get("revocation_endpoint").asText()).isEqualTo(TestServer.ISSUER + "/oauth/revoke");
        assertThat(metadata.get("introspection_endpoint").asText()).isEqualTo(TestServer.ISSUER + "/oauth/introspect");
        assertThat(metadata.get("introspection_endpoint_auth_methods_supported").toString()).contains("private_key_jwt");
    }
}
