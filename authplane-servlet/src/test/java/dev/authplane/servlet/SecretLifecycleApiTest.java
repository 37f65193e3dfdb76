package dev.authplane.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authplane.core.AuthPlane;
import dev.authplane.servlet.TestRegistrations.RegisteredClient;
import dev.authplane.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API's secret rotation with overlap, secret expiry and per-client token lifetimes,
 * checked at the token endpoint over HTTP (the server's clock is a test clock).
 */
class SecretLifecycleApiTest {

    private final MutableClock clock = new MutableClock();
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(AuthPlane.builder(TestServer.config(Map.of())).clock(clock).build());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> token(RegisteredClient client) {
        return server.token(TestRegistrations.postForm(client));
    }

    private static void adminError(HttpResponse<String> response, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(TestServer.json(response).get("error").asText()).isEqualTo("invalid_request");
        assertThat(TestServer.json(response).get("error_description").asText()).contains(message);
    }

    @Test
    void rotationWithOverlapKeepsTheOldSecretWorkingUntilTheGraceEnds() {
        RegisteredClient old = TestRegistrations.seed(server);

        HttpResponse<String> response = server.admin("POST", "/clients/backend-worker/rotate-secret",
                "{\"keep_old_for\":\"24h\",\"secret_expires_in\":\"90d\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode rotated = TestServer.json(response);
        RegisteredClient fresh = new RegisteredClient(old.clientId(), rotated.get("client_secret").asText());
        assertThat(rotated.get("previous_secret_valid_until").asText())
                .isEqualTo(clock.instant().plus(Duration.ofHours(24)).toString());
        assertThat(rotated.get("secret_expires_at").asText())
                .isEqualTo(clock.instant().plus(Duration.ofDays(90)).toString());

        assertThat(token(old).statusCode()).as("old secret in its grace period").isEqualTo(200);
        assertThat(token(fresh).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofHours(24));
        SafeResponses.assertTokenError(token(old), 401, "invalid_client", old.clientSecret());
        assertThat(token(fresh).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofDays(77));
        JsonNode soon = TestServer.json(server.admin("GET", "/clients?secret_expires_within=14d", null));
        assertThat(soon.get("clients")).singleElement()
                .satisfies(c -> assertThat(c.get("name").asText()).isEqualTo("backend-worker"));
        assertThat(TestServer.json(server.admin("GET", "/clients?secret_expires_within=7d", null)).get("clients"))
                .isEmpty();
        clock.advance(Duration.ofDays(12));
        SafeResponses.assertTokenError(token(fresh), 401, "invalid_client", fresh.clientSecret());
    }

    @Test
    void rotationWithoutABodyStopsTheOldSecretAtOnce() {
        RegisteredClient old = TestRegistrations.seed(server);

        JsonNode rotated = TestServer.json(server.admin("POST", "/clients/backend-worker/rotate-secret", null));

        assertThat(rotated.get("previous_secret_valid_until").isNull()).isTrue();
        assertThat(rotated.get("secret_expires_at").isNull()).isTrue();
        SafeResponses.assertTokenError(token(old), 401, "invalid_client", old.clientSecret());
    }

    @Test
    void aClientsOwnTokenLifetimeIsSetAtCreationChangedByPatchAndResetByNull() {
        TestRegistrations.createResource(server, "my-mcp", TestRegistrations.MCP_URI, "tools/query");
        HttpResponse<String> created = server.admin("POST", "/clients", "{\"name\":\"brief\",\"grant_types\":"
                + "[\"client_credentials\"],\"token_endpoint_auth_method\":\"client_secret_post\","
                + "\"scopes\":[\"tools/query\"],\"token_lifetime\":\"15m\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(TestServer.json(created).get("token_lifetime").asText()).isEqualTo("15m");
        RegisteredClient brief = new RegisteredClient(TestServer.json(created).get("client_id").asText(),
                TestServer.json(created).get("client_secret").asText());
        assertThat(TestServer.json(token(brief)).get("expires_in").asLong()).isEqualTo(900);

        assertThat(TestServer.json(server.admin("PATCH", "/clients/brief", "{\"token_lifetime\":\"2h\"}"))
                .get("token_lifetime").asText()).isEqualTo("2h");
        assertThat(TestServer.json(token(brief)).get("expires_in").asLong()).isEqualTo(7200);
        assertThat(TestServer.json(server.admin("PATCH", "/clients/brief", "{\"token_lifetime\":null}"))
                .get("token_lifetime").isNull()).isTrue();
        assertThat(TestServer.json(token(brief)).get("expires_in").asLong()).isEqualTo(3600);
    }

    @Test
    void periodsOutOfBoundsOrMalformedAreClearErrors() {
        TestRegistrations.seed(server);

        adminError(server.admin("PATCH", "/clients/backend-worker", "{\"token_lifetime\":\"2d\"}"),
                "token lifetime must be from 10s to 1d");
        adminError(server.admin("PATCH", "/clients/backend-worker", "{\"token_lifetime\":\"soon\"}"),
                "'token_lifetime' must be a duration");
        adminError(server.admin("POST", "/clients/backend-worker/rotate-secret", "{\"keep_old_for\":\"31d\"}"),
                "0s to 30d");
        adminError(server.admin("POST", "/clients/backend-worker/rotate-secret", "{\"keep\":\"1h\"}"),
                "unknown field");
        adminError(server.admin("GET", "/clients?secret_expires_within=x", null), "must be a duration");
        assertThat(server.admin("POST", "/clients/backend-worker/rotate-secret", "{\"keep_old_for\":\"30d\"}")
                .statusCode()).isEqualTo(200);
    }
}
