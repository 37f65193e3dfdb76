package dev.authplane.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authplane.core.AuthPlane;
import dev.authplane.core.FailingStores;
import dev.authplane.core.storage.StorageException;
import dev.authplane.core.storage.StorageUnavailableException;
import dev.authplane.servlet.TestRegistrations.RegisteredClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin HTTP API (the admin API (authplane-servlet README)): bearer key on every route, CRUD, secrets shown once, JSON errors. */
class AdminApiTest {

    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode adminError(HttpResponse<String> response, int status, String error, String... secrets) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().allValues("Cache-Control")).containsExactly("no-store");
        JsonNode body = SafeResponses.assertSafeBody(response, secrets);
        assertThat(body.get("error").asText()).isEqualTo(error);
        assertThat(body.get("error_description").asText()).isNotBlank();
        return body;
    }

    @ParameterizedTest
    @CsvSource({"GET,/resources", "POST,/resources", "GET,/clients", "POST,/clients/x/rotate-secret",
            "DELETE,/clients/x", "GET,/issuances", "GET,/keys", "POST,/keys/rotate", "GET,/health", "GET,/no-such-path"})
    void adminApiWithoutKeyAnswers401OnEveryRouteIncludingUnknownOnes(String method, String path) {
        HttpResponse<String> response = server.adminWithKey(method, path, method.equals("POST") ? "{}" : null, null);

        adminError(response, 401, "unauthorized");
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"authplane-admin\"");
    }

    @ParameterizedTest
    @CsvSource({"wrong-key-wrong-key-wrong", TestServer.ADMIN_KEY + "x", "short"})
    void adminApiWithWrongKeyAnswers401(String key) {
        adminError(server.adminWithKey("GET", "/clients", null, key), 401, "unauthorized");
    }

    @Test
    void adminApiWithKeyInAnotherSchemeOrTwiceAnswers401() {
        HttpResponse<String> basic = server.send(server.request("/admin/v1/clients")
                .header("Authorization", "Basic " + TestServer.ADMIN_KEY));
        HttpResponse<String> twice = server.send(server.request("/admin/v1/clients")
                .header("Authorization", "Bearer " + TestServer.ADMIN_KEY)
                .header("Authorization", "Bearer " + TestServer.ADMIN_KEY));

        adminError(basic, 401, "unauthorized");
        adminError(twice, 401, "unauthorized");
    }

    @Test
    void resourcesCreateListGetDelete() {
        JsonNode created = TestRegistrations.createResource(server, "my-mcp", TestRegistrations.MCP_URI, "tools/query||Query tools");
        assertThat(created.get("slug").asText()).isEqualTo("my-mcp");
        assertThat(created.get("uri").asText()).isEqualTo(TestRegistrations.MCP_URI);
        assertThat(created.get("backend_kind").asText()).isEqualTo("mint");
        assertThat(created.get("scopes").get(0).get("name").asText()).isEqualTo("tools/query");
        assertThat(created.get("scopes").get(0).get("description").asText()).isEqualTo("Query tools");

        assertThat(TestServer.json(server.admin("GET", "/resources", null)).get("resources")).hasSize(1);
        String id = created.get("id").asText();
        assertThat(TestServer.json(server.admin("GET", "/resources/" + id, null)).get("slug").asText()).isEqualTo("my-mcp");
        assertThat(server.admin("DELETE", "/resources/my-mcp", null).statusCode()).isEqualTo(204);
        adminError(server.admin("GET", "/resources/my-mcp", null), 404, "not_found");
    }

    @Test
    void resourcesCreateAcceptsScopeObjects() {
        HttpResponse<String> response = server.admin("POST", "/resources", "{\"slug\":\"s\",\"uri\":\"https://s.example.com/mcp\","
                + "\"scopes\":[{\"name\":\"tools/query\",\"description\":\"Query\"},{\"name\":\"tools/list\"}]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(TestServer.json(response).get("scopes").get(1).get("name").asText()).isEqualTo("tools/list");
    }

    @Test
    void resourcesCreateWhenSlugOrUriTakenThen409() {
        TestRegistrations.createResource(server, "my-mcp", TestRegistrations.MCP_URI);

        adminError(server.admin("POST", "/resources", "{\"slug\":\"my-mcp\",\"uri\":\"https://x.example.com\"}"), 409, "conflict");
        adminError(server.admin("POST", "/resources", "{\"slug\":\"other\",\"uri\":\"" + TestRegistrations.MCP_URI + "\"}"),
                409, "conflict");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"slug\":\"Bad Slug\",\"uri\":\"https://x.example.com\"}",
            "{\"slug\":\"ok\",\"uri\":\"ftp://x.example.com\"}",
            "{\"slug\":\"ok\",\"uri\":\"https://x.example.com\",\"backend_kind\":\"broker\"}",
            "{\"slug\":\"ok\",\"uri\":\"https://x.example.com\",\"scopes\":[\"a|upstream|b\"]}",
            "{\"slug\":\"ok\",\"uri\":\"https://x.example.com\",\"scope\":[\"a\"]}",
            "{\"slug\":\"ok\"}",
            "{\"slug\":1,\"uri\":\"https://x.example.com\"}",
            "not json",
            "[1,2]",
            "{\"slug\":\"ok\",\"slug\":\"dup\",\"uri\":\"https://x.example.com\"}"})
    void resourcesCreateWhenInputInvalidThen400(String json) {
        adminError(server.admin("POST", "/resources", json), 400, "invalid_request");
    }

    @Test
    void adminApiWhenBodyIsNotDeclaredJsonThen400() {
        HttpResponse<String> response = server.send(server.request("/admin/v1/resources")
                .header("Authorization", "Bearer " + TestServer.ADMIN_KEY).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"slug\":\"a\",\"uri\":\"https://a.example.com\"}")));

        adminError(response, 400, "invalid_request");
    }

    @Test
    void adminApiWhenPathUnknownThen404AndWhenMethodWrongThen405WithAllow() {
        adminError(server.admin("GET", "/nothing", null), 404, "not_found");
        adminError(server.admin("GET", "/clients/a/b/c", null), 404, "not_found");
        HttpResponse<String> wrongMethod = server.admin("PUT", "/resources", "{}");
        adminError(wrongMethod, 405, "method_not_allowed");
        assertThat(wrongMethod.headers().allValues("Allow")).containsExactly("GET, POST");
    }

    @Test
    void clientCreateReturnsSecretOnceAndNeverAgain() {
        RegisteredClient client = TestRegistrations.createClient(server, "backend-worker", "client_secret_post",
                "tools/query||Query tools");

        assertThat(client.clientSecret()).matches("[A-Za-z0-9._~-]{43,}");
        for (String path : List.of("/clients", "/clients/backend-worker", "/clients/" + client.clientId())) {
            HttpResponse<String> response = server.admin("GET", path, null);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).doesNotContain(client.clientSecret()).doesNotContain("client_secret\"")
                    .doesNotContain("$2a$").doesNotContain("$2b$");
        }
        JsonNode view = TestServer.json(server.admin("GET", "/clients/backend-worker", null));
        assertThat(view.get("client_id").asText()).isEqualTo(client.clientId());
        assertThat(view.get("token_endpoint_auth_method").asText()).isEqualTo("client_secret_post");
        assertThat(view.get("grant_types").get(0).asText()).isEqualTo("client_credentials");
        assertThat(view.get("status").asText()).isEqualTo("active");
    }

    @Test
    void clientRotateSecretDisableEnableDeleteTakeEffectAtTheTokenEndpoint() {
        RegisteredClient old = TestRegistrations.seed(server);

        JsonNode rotated = TestServer.json(server.admin("POST", "/clients/backend-worker/rotate-secret", null));
        RegisteredClient fresh = new RegisteredClient(old.clientId(), rotated.get("client_secret").asText());
        assertThat(fresh.clientSecret()).isNotEqualTo(old.clientSecret());
        SafeResponses.assertTokenError(server.token(TestRegistrations.postForm(old)), 401, "invalid_client", old.clientSecret());
        assertThat(server.token(TestRegistrations.postForm(fresh)).statusCode()).isEqualTo(200);

        assertThat(TestServer.json(server.admin("POST", "/clients/" + old.clientId() + "/disable", null))
                .get("status").asText()).isEqualTo("disabled");
        SafeResponses.assertTokenError(server.token(TestRegistrations.postForm(fresh)), 401, "invalid_client",
                fresh.clientSecret());
        assertThat(TestServer.json(server.admin("POST", "/clients/backend-worker/enable", null))
                .get("status").asText()).isEqualTo("active");
        assertThat(server.token(TestRegistrations.postForm(fresh)).statusCode()).isEqualTo(200);

        assertThat(server.admin("DELETE", "/clients/backend-worker", null).statusCode()).isEqualTo(204);
        adminError(server.admin("GET", "/clients/backend-worker", null), 404, "not_found");
        adminError(server.admin("POST", "/clients/backend-worker/rotate-secret", null), 404, "not_found");
    }

    @Test
    void clientPatchReplacesItsScopesForTheNextTokenRequestAndRefusesOtherFields() {
        RegisteredClient client = TestRegistrations.seed(server);

        JsonNode updated = TestServer.json(server.admin("PATCH", "/clients/backend-worker",
                "{\"scopes\":[{\"name\":\"tools/query\"},{\"name\":\"tools/admin\",\"description\":\"Admin\"}]}"));
        assertThat(updated.get("scopes").findValuesAsText("name")).containsExactly("tools/query", "tools/admin");
        HttpResponse<String> token = server.token(TestRegistrations.postForm(client));
        assertThat(TestServer.json(token).get("scope").asText()).as("my-mcp offers tools/query only")
                .isEqualTo("tools/query");
        server.admin("PATCH", "/clients/backend-worker", "{\"scopes\":[\"tools/admin\"]}");
        HttpResponse<String> narrowed = server.token(TestRegistrations.postForm(client));
        assertThat(narrowed.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(narrowed).get("error").asText()).isEqualTo("invalid_scope");

        adminError(server.admin("PATCH", "/clients/backend-worker", "{\"name\":\"renamed\"}"), 400, "invalid_request");
        adminError(server.admin("PATCH", "/clients/backend-worker", "{}"), 400, "invalid_request");
        adminError(server.admin("PATCH", "/clients/no-such-client", "{\"scopes\":[]}"), 404, "not_found");
    }

    @Test
    void failedAdminKeyChecksFromOneAddressAreThrottledWith429AndRetryAfter() {
        assertThat(server.admin("GET", "/clients", null).statusCode()).as("right key before any failure").isEqualTo(200);
        for (int i = 0; i < AdminFailures.DEFAULT_LIMIT; i++) {
            adminError(server.adminWithKey("GET", "/clients", null, "wrong-key-" + i), 401, "unauthorized");
        }

        HttpResponse<String> throttled = server.admin("GET", "/clients", null);
        adminError(throttled, 429, "slow_down", TestServer.ADMIN_KEY);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValueSatisfying(v ->
                assertThat(Integer.parseInt(v)).isBetween(1, 60));
    }

    @Test
    void clientResourcesAreSetAtCreationReplacedByPatchAndClearedByAnEmptyList() {
        RegisteredClient client = TestRegistrations.seed(server);
        TestRegistrations.createResource(server, "other-mcp", "https://other.example.com/mcp", "tools/query||Query");

        JsonNode created = TestServer.json(server.admin("POST", "/clients", "{\"name\":\"limited\","
                + "\"grant_types\":[\"client_credentials\"],\"scopes\":[\"tools/query\"],\"resources\":[\"other-mcp\"]}"));
        assertThat(created.get("resources").toString()).isEqualTo("[\"other-mcp\"]");
        adminError(server.admin("POST", "/clients", "{\"name\":\"x\",\"grant_types\":[\"client_credentials\"],"
                + "\"resources\":[\"nowhere\"]}"), 400, "invalid_request");

        JsonNode listed = TestServer.json(server.admin("PATCH", "/clients/backend-worker", "{\"resources\":[\"other-mcp\"]}"));
        assertThat(listed.get("resources").toString()).isEqualTo("[\"other-mcp\"]");
        assertThat(listed.get("scopes").findValuesAsText("name")).as("scopes kept").containsExactly("tools/query");
        HttpResponse<String> refused = server.token(TestRegistrations.postForm(client));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(refused).get("error").asText()).isEqualTo("invalid_target");

        JsonNode cleared = TestServer.json(server.admin("PATCH", "/clients/backend-worker", "{\"resources\":[]}"));
        assertThat(cleared.get("resources").toString()).isEqualTo("[]");
        assertThat(server.token(TestRegistrations.postForm(client)).statusCode()).isEqualTo(200);
        adminError(server.admin("PATCH", "/clients/backend-worker", "{\"resources\":\"other-mcp\"}"), 400, "invalid_request");
    }

    @Test
    void clientCreateWhenNameTakenThen409AndWhenAuthMethodUnknownThen400() {
        TestRegistrations.createClient(server, "backend-worker", "client_secret_post");

        adminError(server.admin("POST", "/clients", "{\"name\":\"backend-worker\",\"grant_types\":[\"client_credentials\"]}"),
                409, "conflict");
        adminError(server.admin("POST", "/clients", "{\"name\":\"x\",\"grant_types\":[\"client_credentials\"],"
                + "\"token_endpoint_auth_method\":\"private_key_jwt\"}"), 400, "invalid_request");
    }

    @Test
    void clientCreateWhenGrantDisabledThen400NamingSettingAndEnvVar() {
        try (TestServer off = TestServer.start(AuthPlane.builder(TestServer.config(
                Map.of("client_credentials", Map.of("enabled", false)))).build())) {
            HttpResponse<String> response = off.admin("POST", "/clients",
                    "{\"name\":\"w\",\"grant_types\":[\"client_credentials\"],\"token_endpoint_auth_method\":\"client_secret_post\"}");

            assertThat(adminError(response, 400, "invalid_request").get("error_description").asText())
                    .contains("client_credentials.enabled", "AUTHPLANE_CLIENT_CREDENTIALS_ENABLED");
        }
    }

    @Test
    void issuancesFilterByClientResourceTimeWindowAndLimit() {
        RegisteredClient worker = TestRegistrations.seed(server);
        TestRegistrations.createResource(server, "other", "https://other.example.com/mcp", "tools/query||Q");
        RegisteredClient second = TestRegistrations.createClient(server, "second-worker", "client_secret_post", "tools/query||Q");
        for (int i = 0; i < 3; i++) {
            assertThat(server.token(TestRegistrations.postForm(worker)).statusCode()).isEqualTo(200);
        }
        assertThat(server.token(TestRegistrations.postForm(second).replace(TestRegistrations.MCP_URI,
                "https://other.example.com/mcp")).statusCode()).isEqualTo(200);

        assertThat(issuances("")).hasSize(4);
        assertThat(issuances("?client=backend-worker")).hasSize(3);
        assertThat(issuances("?client=" + second.clientId())).hasSize(1);
        assertThat(issuances("?resource=https%3A%2F%2Fother.example.com%2Fmcp")).hasSize(1);
        assertThat(issuances("?client=backend-worker&limit=2")).hasSize(2);
        assertThat(issuances("?since=1h")).hasSize(4);
        assertThat(issuances("?since=2020-01-01T00:00:00Z&until=2020-01-02T00:00:00Z")).isEmpty();
        assertThat(issuances("?until=" + Instant.now().plusSeconds(60))).hasSize(4);
    }

    @ParameterizedTest
    @CsvSource({"?limit=0", "?limit=5001", "?limit=ten", "?since=yesterday", "?colour=red", "?limit=1&limit=2",
            "?since=2020-01-02T00:00:00Z&until=2020-01-01T00:00:00Z"})
    void issuancesWhenQueryInvalidThen400(String query) {
        adminError(server.admin("GET", "/issuances" + query, null), 400, "invalid_request");
    }

    @Test
    void keysListAndRotateKeepsOldKeyPublished() {
        server.get("/.well-known/jwks.json");
        JsonNode before = TestServer.json(server.admin("GET", "/keys", null)).get("keys");
        assertThat(before).hasSize(1);
        String oldKid = before.get(0).get("kid").asText();
        assertThat(before.get(0).get("status").asText()).isEqualTo("active");

        HttpResponse<String> rotated = server.admin("POST", "/keys/rotate", null);

        assertThat(rotated.statusCode()).isEqualTo(200);
        String newKid = TestServer.json(rotated).get("kid").asText();
        assertThat(newKid).isNotEqualTo(oldKid);
        JsonNode after = TestServer.json(server.admin("GET", "/keys", null)).get("keys");
        assertThat(after).hasSize(2);
        assertThat(rotated.body()).doesNotContain("\"d\"");
        String jwks = server.get("/.well-known/jwks.json").body();
        assertThat(jwks).contains(oldKid, newKid);
    }

    @Test
    void adminHealthReportsStorageDetail() {
        JsonNode health = TestServer.json(server.admin("GET", "/health", null));

        assertThat(health.get("status").asText()).isEqualTo("up");
        assertThat(health.get("detail").asText()).isNotBlank();
    }

    @Test
    void adminApiWhenStorageFailsThen503Or500WithoutDetail() {
        FailingStores.Clients clients = new FailingStores.Clients();
        try (TestServer failing = TestServer.start(AuthPlane.builder(TestServer.config(Map.of())).clients(clients).build())) {
            clients.failure.set(new StorageUnavailableException(
                    "pool exhausted at jdbc:postgresql://db/authplane", null));
            adminError(failing.admin("GET", "/clients", null), 503, "temporarily_unavailable", "postgresql");
            clients.failure.set(new StorageException(
                    "DELETE FROM client WHERE client_id = ? failed: SQLState 40001"));
            adminError(failing.admin("DELETE", "/clients/x", null), 500, "server_error", "40001");
        }
    }

    private JsonNode issuances(String query) {
        HttpResponse<String> response = server.admin("GET", "/issuances" + query, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestServer.json(response).get("issuances");
    }
}
