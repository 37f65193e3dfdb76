package dev.authplane.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authplane.core.AuthPlane;
import dev.authplane.core.FailingStores;
import dev.authplane.core.error.OAuthException;
import dev.authplane.core.storage.StorageException;
import dev.authplane.core.storage.StorageUnavailableException;
import dev.authplane.servlet.TestRegistrations.RegisteredClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * token steps 5, 6 and 8 (authplane-core README) under non-default settings and failing parts: no token leaves the
 * server when its issuance row cannot be written, and the status follows the error code.
 */
class TokenEndpointFailuresTest {

    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void tokenEndpointWhenIssuanceStoreUnreachableThen503TemporarilyUnavailableAndNoRow() {
        FailingStores.Issuances issuances = new FailingStores.Issuances();
        server = TestServer.start(AuthPlane.builder(TestServer.config(Map.of())).issuances(issuances).build());
        RegisteredClient client = TestRegistrations.seed(server);
        issuances.failure.set(new StorageUnavailableException("connection refused by db.internal:5432",
                new java.net.ConnectException("refused")));

        HttpResponse<String> response = server.token(TestRegistrations.postForm(client));

        SafeResponses.assertTokenError(response, 503, "temporarily_unavailable", client.clientSecret(), "db.internal");
        issuances.failure.set(null);
        assertThat(TestServer.json(server.admin("GET", "/issuances", null)).get("issuances")).isEmpty();
    }

    @Test
    void tokenEndpointWhenIssuanceStoreFailsThen500ServerErrorWithoutDetail() {
        FailingStores.Issuances issuances = new FailingStores.Issuances();
        server = TestServer.start(AuthPlane.builder(TestServer.config(Map.of())).issuances(issuances).build());
        RegisteredClient client = TestRegistrations.seed(server);
        issuances.failure.set(new StorageException("INSERT INTO issuance (jti) VALUES (?) failed: SQLState 23505"));

        HttpResponse<String> response = server.token(TestRegistrations.postForm(client));

        SafeResponses.assertTokenError(response, 500, "server_error", client.clientSecret(), "23505");
    }

    @Test
    void tokenEndpointWhenTooManyFailuresFromOneAddressThen429SlowDownWithRetryAfter() {
        server = TestServer.start(AuthPlane.builder(TestServer.config(Map.of("security", Map.of(
                "bcrypt_cost", 4, "max_failed_auth_per_address", 3, "max_failed_auth_per_client", 100)))).build());
        RegisteredClient client = TestRegistrations.seed(server);
        for (int i = 0; i < 3; i++) {
            SafeResponses.assertTokenError(server.token(TestRegistrations.postForm(
                    new RegisteredClient("unknown-" + i, "wrong"))), 401, "invalid_client");
        }

        HttpResponse<String> response = server.token(TestRegistrations.postForm(client));

        SafeResponses.assertTokenError(response, 429, "slow_down", client.clientSecret());
        assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(
                v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
    }

    @Test
    void tokenEndpointWhenCustomizerThrottlesThen429WithRetryAfterRoundedUp() {
        server = TestServer.start(AuthPlane.builder(TestServer.config(Map.of()))
                .tokenCustomizer(context -> {
                    throw OAuthException.slowDown("too many requests from this client", Duration.ofMillis(2500));
                }).build());
        RegisteredClient client = TestRegistrations.seed(server);

        HttpResponse<String> response = server.token(TestRegistrations.postForm(client));

        SafeResponses.assertTokenError(response, 429, "slow_down", client.clientSecret());
        assertThat(response.headers().allValues("Retry-After")).containsExactly("3");
    }

    @Test
    void tokenEndpointWhenUnexpectedFailureThen500WithFixedDescriptionAndNoLeak() {
        server = TestServer.start(AuthPlane.builder(TestServer.config(Map.of()))
                .tokenCustomizer(context -> {
                    throw new IllegalStateException("customizer broke holding " + context.client().clientId());
                }).build());
        RegisteredClient client = TestRegistrations.seed(server);

        HttpResponse<String> response = server.token(TestRegistrations.postForm(client));

        JsonNode body = SafeResponses.assertTokenError(response, 500, "server_error", client.clientSecret());
        assertThat(body.get("error_description").asText()).doesNotContain("customizer", client.clientId());
    }

    @Test
    void tokenEndpointWhenResourceNotRequiredAndOmittedThenAudienceIsIssuer() {
        server = TestServer.start(AuthPlane.builder(TestServer.config(
                Map.of("client_credentials", Map.of("require_resource", false)))).build());
        RegisteredClient client = TestRegistrations.seed(server);

        HttpResponse<String> response = server.token(TestRegistrations.postForm(client)
                .replace("&resource=" + TestRegistrations.MCP_URI, ""));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode claims = TestRegistrations.claims(TestServer.json(response).get("access_token").asText());
        assertThat(claims.get("aud").asText()).isEqualTo(TestServer.ISSUER);
    }

    @Test
    void tokenEndpointWhenStrictScopePolicyAndUnregisteredScopeRequestedThenInvalidScope() {
        server = TestServer.start(AuthPlane.builder(TestServer.config(
                Map.of("client_credentials", Map.of("scope_policy", "strict")))).build());
        RegisteredClient client = TestRegistrations.seed(server);

        HttpResponse<String> response = server.token(TestRegistrations.postForm(client) + "&scope=tools/query+tools/admin");

        SafeResponses.assertTokenError(response, 400, "invalid_scope", client.clientSecret());
    }

    @Test
    void tokenEndpointWhenClientStoreUnreachableThen503WithoutDetail() {
        FailingStores.Clients clients = new FailingStores.Clients();
        server = TestServer.start(AuthPlane.builder(TestServer.config(Map.of())).clients(clients).build());
        clients.failure.set(new StorageUnavailableException("timeout talking to jdbc:postgresql://db/authplane", null));

        HttpResponse<String> token = server.token("grant_type=client_credentials&client_id=a&client_secret=b"
                + "&resource=" + TestRegistrations.MCP_URI);

        SafeResponses.assertTokenError(token, 503, "temporarily_unavailable", "postgresql");
    }
}
