package dev.authplane.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authplane.core.AuthPlane;
import dev.authplane.core.FailingStores;
import dev.authplane.core.storage.StorageException;
import dev.authplane.core.storage.StorageUnavailableException;
import dev.authplane.servlet.TestRegistrations.RegisteredClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** JWKS, RFC 8414 and RFC 9728 documents and health (RFC 7517, RFC 8414 and RFC 9728): fields, caching and paths. */
class MetadataEndpointsTest {

    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    @Test
    void jwksPublishesPublicKeysWithKidAlgUseAndIsCacheableForFiveMinutes() {
        server = TestServer.start();

        HttpResponse<String> response = server.get("/.well-known/jwks.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Cache-Control")).containsExactly("public, max-age=300");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode key = TestServer.json(response).get("keys").get(0);
        assertThat(key.get("kid").asText()).isNotBlank();
        assertThat(key.get("alg").asText()).isEqualTo("ES256");
        assertThat(key.get("use").asText()).isEqualTo("sig");
        assertThat(key.has("d")).isFalse();
    }

    @Test
    void authorizationServerMetadataListsExactlyWhatIsServed() {
        server = TestServer.start();
        TestRegistrations.createResource(server, "my-mcp", TestRegistrations.MCP_URI, "tools/query||Query", "tools/admin||Admin");
        TestRegistrations.createResource(server, "other", "https://other.example.com/mcp", "files/read||Read");

        HttpResponse<String> response = server.get("/.well-known/oauth-authorization-server");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Cache-Control")).containsExactly("public, max-age=300");
        JsonNode doc = TestServer.json(response);
        assertThat(doc.get("issuer").asText()).isEqualTo(TestServer.ISSUER);
        assertThat(doc.get("token_endpoint").asText()).isEqualTo(TestServer.ISSUER + "/oauth/token");
        assertThat(doc.get("authorization_endpoint").asText()).isEqualTo(TestServer.ISSUER + "/oauth/authorize");
        assertThat(doc.get("jwks_uri").asText()).isEqualTo(TestServer.ISSUER + "/.well-known/jwks.json");
        assertThat(texts(doc.get("grant_types_supported"))).containsExactly("client_credentials");
        assertThat(texts(doc.get("token_endpoint_auth_methods_supported")))
                .containsExactlyInAnyOrder("client_secret_basic", "client_secret_post", "private_key_jwt");
        assertThat(texts(doc.get("token_endpoint_auth_signing_alg_values_supported")))
                .contains("ES256", "RS256", "PS256").doesNotContain("none", "HS256");
        assertThat(texts(doc.get("scopes_supported"))).containsExactly("files/read", "tools/admin", "tools/query");
        assertThat(doc.get("response_types_supported").isArray()).isTrue();
        assertThat(doc.get("response_types_supported")).isEmpty();
        assertThat(texts(doc.get("dpop_signing_alg_values_supported"))).containsExactlyInAnyOrder("ES256", "PS256", "RS256");
        List<String> fields = new ArrayList<>();
        doc.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).doesNotContain("registration_endpoint", "userinfo_endpoint");
        assertThat(doc.get("revocation_endpoint").asText()).isEqualTo(TestServer.ISSUER + "/oauth/revoke");
        assertThat(doc.get("introspection_endpoint").asText()).isEqualTo(TestServer.ISSUER + "/oauth/introspect");
        for (String endpoint : List.of("revocation", "introspection")) {
            assertThat(texts(doc.get(endpoint + "_endpoint_auth_methods_supported")))
                    .containsExactlyInAnyOrder("client_secret_basic", "client_secret_post", "private_key_jwt");
            assertThat(texts(doc.get(endpoint + "_endpoint_auth_signing_alg_values_supported")))
                    .contains("ES256", "RS256").doesNotContain("none", "HS256");
        }
    }

    @Test
    void authorizationServerMetadataAdvertisesNoEndpointOrUriThatThisServerDoesNotServe() {
        server = TestServer.start();
        JsonNode doc = TestServer.json(server.get("/.well-known/oauth-authorization-server"));

        List<String> advertised = new ArrayList<>();
        doc.fields().forEachRemaining(field -> {
            if (field.getKey().endsWith("_endpoint") || field.getKey().endsWith("_uri")) {
                advertised.add(field.getValue().asText());
            }
        });

        assertThat(advertised).containsExactlyInAnyOrder(TestServer.ISSUER + "/oauth/token",
                TestServer.ISSUER + "/oauth/authorize", TestServer.ISSUER + "/.well-known/jwks.json",
                TestServer.ISSUER + "/oauth/revoke", TestServer.ISSUER + "/oauth/introspect");
        for (String url : advertised) {
            assertThat(url).startsWith(TestServer.ISSUER);
            HttpResponse<String> response = server.get(url.substring(TestServer.ISSUER.length()));
            assertThat(response.statusCode()).as("GET %s", url).isIn(200, 400, 405);
            assertThat(TestServer.json(response).isObject()).as("GET %s answers JSON", url).isTrue();
        }
    }

    @Test
    void authorizationServerMetadataWhenGrantAndDpopDisabledThenNoGrantAndNoDpopAlgorithms() {
        server = TestServer.start(AuthPlane.builder(TestServer.config(Map.of(
                "client_credentials", Map.of("enabled", false), "dpop", Map.of("enabled", false)))).build());

        JsonNode doc = TestServer.json(server.get("/.well-known/oauth-authorization-server"));

        assertThat(doc.get("grant_types_supported")).isEmpty();
        assertThat(doc.has("dpop_signing_alg_values_supported")).isFalse();
    }

    @Test
    void revocationAndIntrospectionWhenTurnedOffAreNeitherServedNorAdvertised() {
        server = TestServer.start(AuthPlane.builder(TestServer.config(Map.of(
                "revocation", Map.of("enabled", false), "introspection", Map.of("enabled", false)))).build());

        JsonNode doc = TestServer.json(server.get("/.well-known/oauth-authorization-server"));

        assertThat(doc.has("token_endpoint")).isTrue();
        for (String endpoint : List.of("revocation", "introspection")) {
            assertThat(doc.has(endpoint + "_endpoint")).as(endpoint).isFalse();
            assertThat(doc.has(endpoint + "_endpoint_auth_methods_supported")).as(endpoint).isFalse();
        }
        int unregistered = postToken("/oauth/never-registered").statusCode();
        assertThat(unregistered).isIn(404, 405);
        for (String path : List.of("/oauth/revoke", "/oauth/introspect")) {
            assertThat(postToken(path).statusCode()).as(path).isEqualTo(unregistered);
        }
        assertThat(server.get("/.well-known/jwks.json").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> postToken(String path) {
        return server.send(server.request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("token=x")));
    }

    @Test
    void onlyTheEndpointStillOnIsAdvertised() {
        server = TestServer.start(AuthPlane.builder(TestServer.config(Map.of(
                "introspection", Map.of("enabled", false)))).build());

        JsonNode doc = TestServer.json(server.get("/.well-known/oauth-authorization-server"));

        assertThat(doc.get("revocation_endpoint").asText()).isEqualTo(TestServer.ISSUER + "/oauth/revoke");
        assertThat(doc.has("introspection_endpoint")).isFalse();
        HttpResponse<String> unauthenticated = postToken("/oauth/revoke");
        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        assertThat(TestServer.json(unauthenticated).get("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void issuerWithPathServesMetadataAtRfc8414PathAndEndpointsUnderIssuerPath() {
        String issuer = "https://as.example.test/tenant-a";
        server = TestServer.start(AuthPlane.builder(TestServer.config(
                Map.of("server", Map.of("issuer", issuer)))).build());

        HttpResponse<String> metadata = server.get("/.well-known/oauth-authorization-server/tenant-a");

        assertThat(metadata.statusCode()).isEqualTo(200);
        JsonNode doc = TestServer.json(metadata);
        assertThat(doc.get("issuer").asText()).isEqualTo(issuer);
        assertThat(doc.get("token_endpoint").asText()).isEqualTo(issuer + "/oauth/token");
        assertThat(server.get("/tenant-a/.well-known/jwks.json").statusCode()).isEqualTo(200);
        assertThat(server.get("/.well-known/oauth-authorization-server").statusCode()).isEqualTo(404);
        RegisteredClient client = TestRegistrations.seed(server);
        HttpResponse<String> token = server.send(server.request("/tenant-a/oauth/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(TestRegistrations.postForm(client))));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        assertThat(TestRegistrations.claims(TestServer.json(token).get("access_token").asText()).get("iss").asText())
                .isEqualTo(issuer);
    }

    @Test
    void protectedResourceMetadataIsServedAtRfc9728PathDerivedFromResourceUri() {
        server = TestServer.start();
        TestRegistrations.createResource(server, "my-mcp", TestRegistrations.MCP_URI, "tools/query||Query", "tools/admin||A");

        HttpResponse<String> response = server.get("/.well-known/oauth-protected-resource/mcp");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Cache-Control")).containsExactly("public, max-age=300");
        JsonNode doc = TestServer.json(response);
        assertThat(doc.get("resource").asText()).isEqualTo(TestRegistrations.MCP_URI);
        assertThat(texts(doc.get("authorization_servers"))).containsExactly(TestServer.ISSUER);
        assertThat(texts(doc.get("scopes_supported"))).containsExactly("tools/query", "tools/admin");
        assertThat(texts(doc.get("bearer_methods_supported"))).containsExactly("header");
        assertThat(texts(doc.get("dpop_signing_alg_values_supported"))).containsExactlyInAnyOrder("ES256", "PS256", "RS256");
    }

    @Test
    void protectedResourceMetadataForResourceWithoutPathIsAtTheBareWellKnownPath() {
        server = TestServer.start();
        TestRegistrations.createResource(server, "root-mcp", "https://root.example.com", "tools/query||Query");

        JsonNode doc = TestServer.json(server.get("/.well-known/oauth-protected-resource"));

        assertThat(doc.get("resource").asText()).isEqualTo("https://root.example.com");
    }

    @Test
    void protectedResourceMetadataWhenTwoResourcesShareAPathThenHostSelects() {
        server = TestServer.start();
        TestRegistrations.createResource(server, "a", "https://a.example.com/mcp");
        TestRegistrations.createResource(server, "b", "https://b.example.com/mcp");

        HttpResponse<String> ambiguous = server.get("/.well-known/oauth-protected-resource/mcp");

        SafeResponses.assertSafeBody(ambiguous);
        assertThat(ambiguous.statusCode()).isEqualTo(404);
    }

    @Test
    void protectedResourceMetadataWhenNoResourceMatchesThen404JsonNotCached() {
        server = TestServer.start();

        HttpResponse<String> response = server.get("/.well-known/oauth-protected-resource/unknown");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().allValues("Cache-Control")).containsExactly("no-store");
        assertThat(SafeResponses.assertSafeBody(response).get("error").asText()).isEqualTo("not_found");
    }

    @Test
    void metadataEndpointsAnswerHeadWithoutBody() {
        server = TestServer.start();

        HttpResponse<String> response = server.send(server.request("/.well-known/oauth-authorization-server")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Cache-Control")).containsExactly("public, max-age=300");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void metadataEndpointsWhenNotGetThen405WithAllow() {
        server = TestServer.start();

        for (String path : List.of("/.well-known/jwks.json", "/.well-known/oauth-authorization-server", "/health")) {
            HttpResponse<String> response = server.send(server.request(path).POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(response.statusCode()).isEqualTo(405);
            assertThat(response.headers().allValues("Allow")).containsExactly("GET, HEAD");
            SafeResponses.assertSafeBody(response);
        }
    }

    @Test
    void metadataWhenStorageFailsThen503Or500JsonWithoutDetail() {
        FailingStores.Resources resources = new FailingStores.Resources();
        server = TestServer.start(AuthPlane.builder(TestServer.config(Map.of())).resources(resources).build());

        resources.failure.set(new StorageUnavailableException("timeout at jdbc:postgresql://db/authplane", null));
        HttpResponse<String> unavailable = server.get("/.well-known/oauth-authorization-server");
        resources.failure.set(new StorageException("SELECT id, slug FROM resource failed: SQLState 42P01"));
        HttpResponse<String> broken = server.get("/.well-known/oauth-protected-resource/mcp");

        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(SafeResponses.assertSafeBody(unavailable, "postgresql").get("error").asText())
                .isEqualTo("temporarily_unavailable");
        assertThat(broken.statusCode()).isEqualTo(500);
        assertThat(SafeResponses.assertSafeBody(broken, "42P01").get("error").asText()).isEqualTo("server_error");
        assertThat(broken.headers().allValues("Cache-Control")).containsExactly("no-store");
    }

    @Test
    void healthWhenStorageAnswersThenUpElse503Down() {
        FailingStores.Clients clients = new FailingStores.Clients();
        server = TestServer.start(AuthPlane.builder(TestServer.config(Map.of())).clients(clients).build());

        HttpResponse<String> up = server.get("/health");
        clients.failure.set(new StorageUnavailableException("pool exhausted at jdbc:postgresql://db/authplane", null));
        HttpResponse<String> down = server.get("/health");

        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(up).get("status").asText()).isEqualTo("up");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(SafeResponses.assertSafeBody(down).get("status").asText()).isEqualTo("down");
    }
}
