package dev.authplane.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authplane.core.AuthPlane;
import dev.authplane.core.client.Client;
import dev.authplane.core.client.ClientAuthMethod;
import dev.authplane.core.client.ClientSecretHasher;
import dev.authplane.core.client.InMemoryClientRepository;
import dev.authplane.core.scope.ScopeDefinition;
import dev.authplane.core.support.SecureRandomIdGenerator;
import dev.authplane.servlet.TestRegistrations.RegisteredClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.authplane.servlet.ClientCredentialsFlowTest.enc;
import static dev.authplane.servlet.TestRegistrations.MCP_URI;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every failure of token steps 1 to 6 (authplane-core README) with its exact status, {@code error} code and headers,
 * in processing order. Each goes through {@link SafeResponses#assertTokenError}, which also
 * checks that no secret, stack trace, SQL or class name reaches the body.
 */
class TokenEndpointErrorsTest {

    private static final String OTHER_GRANT_SECRET = "other-grant-secret-0123456789";
    private static TestServer server;
    private static RegisteredClient post;
    private static RegisteredClient basic;
    private static RegisteredClient disabled;
    private static RegisteredClient noScopes;
    private static String[] secrets;

    @BeforeAll
    static void start() {
        InMemoryClientRepository clients = new InMemoryClientRepository();
        clients.insert(Client.builder().clientId("other-grant-client").name("other-grant")
                .secretHash(new ClientSecretHasher(4, new SecureRandomIdGenerator()).hash(OTHER_GRANT_SECRET))
                .grantTypes(Set.of("urn:example:grant")).authMethod(ClientAuthMethod.CLIENT_SECRET_POST)
                .scopes(List.of(ScopeDefinition.of("tools/query"))).createdAt(Instant.parse("2026-01-01T00:00:00Z"))
                .build());
        server = TestServer.start(AuthPlane.builder(TestServer.config(Map.of())).clients(clients).build());
        TestRegistrations.createResource(server, "my-mcp", MCP_URI, "tools/query||Query tools");
        post = TestRegistrations.createClient(server, "backend-worker", "client_secret_post", "tools/query||Query");
        basic = TestRegistrations.createClient(server, "basic-worker", "client_secret_basic", "tools/query||Query");
        disabled = TestRegistrations.createClient(server, "disabled-worker", "client_secret_post", "tools/query||Q");
        noScopes = TestRegistrations.createClient(server, "noscope-worker", "client_secret_post");
        assertThat(server.admin("POST", "/clients/disabled-worker/disable", null).statusCode()).isEqualTo(200);
        secrets = new String[] {post.clientSecret(), basic.clientSecret(), disabled.clientSecret(),
                noScopes.clientSecret(), OTHER_GRANT_SECRET};
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String form(RegisteredClient client, String extra) {
        return "grant_type=client_credentials&client_id=" + client.clientId() + "&client_secret="
                + client.clientSecret() + "&resource=" + enc(MCP_URI) + extra;
    }

    private static JsonNode error(HttpResponse<String> response, int status, String code) {
        return SafeResponses.assertTokenError(response, status, code, secrets);
    }

    // step 1: request shape

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH", "OPTIONS"})
    void tokenEndpointWhenMethodIsNotPostThen405WithAllowPost(String method) {
        HttpResponse<String> response = server.send(server.request("/oauth/token")
                .method(method, HttpRequest.BodyPublishers.noBody()));

        error(response, 405, "invalid_request");
        assertThat(response.headers().allValues("Allow")).containsExactly("POST");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "text/plain", "multipart/form-data; boundary=x"})
    void tokenEndpointWhenContentTypeIsNotFormThenInvalidRequest(String contentType) {
        HttpResponse<String> response = server.send(server.request("/oauth/token").header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(form(post, ""))));

        error(response, 400, "invalid_request");
    }

    @Test
    void tokenEndpointWhenContentTypeMissingThenInvalidRequest() {
        HttpResponse<String> response = server.send(server.request("/oauth/token")
                .POST(HttpRequest.BodyPublishers.ofString(form(post, ""))));

        error(response, 400, "invalid_request");
    }

    @Test
    void tokenEndpointWhenCharsetIsNotUtf8ThenInvalidRequest() {
        HttpResponse<String> response = server.send(server.request("/oauth/token")
                .header("Content-Type", "application/x-www-form-urlencoded; charset=ISO-8859-1")
                .POST(HttpRequest.BodyPublishers.ofString(form(post, ""))));

        error(response, 400, "invalid_request");
    }

    @Test
    void tokenEndpointWhenBodyExactly64KiBThenProcessed() {
        String body = padded(form(post, "&pad="), BodyReader.MAX_BODY_BYTES);

        HttpResponse<String> response = server.token(body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void tokenEndpointWhenBodyOver64KiBThenInvalidRequest() {
        HttpResponse<String> response = server.token(padded(form(post, "&pad="), BodyReader.MAX_BODY_BYTES + 1));

        assertThat(error(response, 400, "invalid_request").get("error_description").asText()).contains("65536");
    }

    @ParameterizedTest
    @ValueSource(ints = {1023, 1024, 1025, 5000, BodyReader.MAX_BODY_BYTES})
    void tokenEndpointWhenChunkedBodyWithinCapThenProcessed(int size) {
        byte[] body = padded(form(post, "&pad="), size).getBytes(StandardCharsets.UTF_8);
        assertThat(body).hasSize(size);

        HttpResponse<String> response = server.send(server.request("/oauth/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @RepeatedTest(5)
    void tokenEndpointWhenBodyFarOver64KiBThenInvalidRequestNotAReset() {
        // The client is still sending when the server has decided: the 400 must still reach it.
        HttpResponse<String> response = server.token(padded(form(post, "&pad="), 300_000));

        error(response, 400, "invalid_request");
    }

    @Test
    void tokenEndpointWhenChunkedBodyOver64KiBThenInvalidRequest() {
        byte[] body = padded(form(post, "&pad="), BodyReader.MAX_BODY_BYTES + 10).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = server.send(server.request("/oauth/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

        error(response, 400, "invalid_request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"resource=" + "https%3A%2F%2Fother.example.com", "scope=tools/query",
            "grant_type=client_credentials", "client_id=x", "client_secret=y"})
    void tokenEndpointWhenAnyParameterRepeatedThenInvalidRequest(String repeat) {
        String name = repeat.substring(0, repeat.indexOf('='));
        String first = name.equals("scope") ? "&scope=tools/query" : "";

        HttpResponse<String> response = server.token(form(post, first + "&" + repeat));

        assertThat(error(response, 400, "invalid_request").get("error_description").asText())
                .contains("'" + name + "' is repeated");
    }

    @ParameterizedTest
    @ValueSource(strings = {"&scope=%zz", "&scope=%4", "&scope=%C3%28"})
    void tokenEndpointWhenFormEncodingMalformedThenInvalidRequest(String extra) {
        error(server.token(form(post, extra)), 400, "invalid_request");
    }

    @Test
    void tokenEndpointWhenBasicHeaderAndBodySecretThenInvalidRequest() {
        HttpResponse<String> response = server.token(form(post, ""),
                "Authorization", BasicCredentialsTest.basic(post.clientId(), post.clientSecret()));

        error(response, 400, "invalid_request");
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void tokenEndpointWhenTwoAuthorizationHeadersThenInvalidRequest() {
        String header = BasicCredentialsTest.basic(basic.clientId(), basic.clientSecret());

        error(server.token("grant_type=client_credentials&resource=" + enc(MCP_URI),
                "Authorization", header, "Authorization", header), 400, "invalid_request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic !!!notbase64", "Basic bm9jb2xvbg==", "Basic OnNlY3JldA==", "Basic aWQ6JXp6"})
    void tokenEndpointWhenBasicHeaderMalformedThenInvalidRequest(String header) {
        error(server.token("grant_type=client_credentials&resource=" + enc(MCP_URI), "Authorization", header),
                400, "invalid_request");
    }

    @Test
    void tokenEndpointWhenBodyClientIdDiffersFromBasicThenInvalidRequest() {
        error(server.token("grant_type=client_credentials&client_id=someone-else&resource=" + enc(MCP_URI),
                "Authorization", BasicCredentialsTest.basic(basic.clientId(), basic.clientSecret())),
                400, "invalid_request");
    }

    @Test
    void tokenEndpointWhenClientSecretWithoutClientIdThenInvalidRequest() {
        error(server.token("grant_type=client_credentials&client_secret=" + post.clientSecret()
                + "&resource=" + enc(MCP_URI)), 400, "invalid_request");
    }

    // step 2: grant

    @Test
    void tokenEndpointWhenGrantTypeMissingThenInvalidRequest() {
        error(server.token(form(post, "").replace("grant_type=client_credentials&", "")), 400, "invalid_request");
    }

    @Test
    void tokenEndpointWhenGrantTypeUnknownThenUnsupportedGrantType() {
        error(server.token(form(post, "").replace("client_credentials", "password")), 400, "unsupported_grant_type");
    }

    @Test
    void tokenEndpointWhenGrantDisabledThenUnsupportedGrantTypeNamingSettingAndEnvVar() {
        AuthPlane off = AuthPlane.builder(TestServer.config(
                Map.of("client_credentials", Map.of("enabled", false)))).build();
        try (TestServer disabledServer = TestServer.start(off)) {
            HttpResponse<String> response = disabledServer.token(form(post, ""));

            String description = error(response, 400, "unsupported_grant_type").get("error_description").asText();
            assertThat(description).contains("client_credentials.enabled", "AUTHPLANE_CLIENT_CREDENTIALS_ENABLED");
        }
    }

    // step 3: client authentication

    @Test
    void tokenEndpointWhenUnknownClientWrongSecretWrongMethodOrDisabledThenSameInvalidClient() {
        List<HttpResponse<String>> responses = List.of(
                server.token(form(new RegisteredClient("no-such-client", post.clientSecret()), "")),
                server.token(form(new RegisteredClient(post.clientId(), "wrong-secret"), "")),
                server.token(form(basic, "")),
                server.token(form(disabled, "")));

        List<String> descriptions = responses.stream()
                .map(r -> error(r, 401, "invalid_client").get("error_description").asText()).toList();
        assertThat(descriptions).containsOnly(descriptions.get(0));
        responses.forEach(r -> assertThat(r.headers().firstValue("WWW-Authenticate")).isEmpty());
    }

    @Test
    void tokenEndpointWhenBasicAuthenticationFailsThen401WithBasicChallenge() {
        List<HttpResponse<String>> responses = List.of(
                server.token("grant_type=client_credentials&resource=" + enc(MCP_URI),
                        "Authorization", BasicCredentialsTest.basic(basic.clientId(), "wrong-secret")),
                server.token("grant_type=client_credentials&resource=" + enc(MCP_URI),
                        "Authorization", "Bearer some-token"));

        for (HttpResponse<String> response : responses) {
            error(response, 401, "invalid_client");
            assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Basic realm=\"authplane\"");
        }
    }

    @Test
    void tokenEndpointWhenClientSecretPostClientUsesBasicThenTokenIssued() {
        HttpResponse<String> response = server.token("grant_type=client_credentials&resource=" + enc(MCP_URI),
                "Authorization", BasicCredentialsTest.basic(post.clientId(), post.clientSecret()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(response).get("access_token").asText()).isNotBlank();
    }

    @Test
    void tokenEndpointWhenClientSecretBasicClientSendsBodyCredentialsThenInvalidClientWithoutChallenge() {
        HttpResponse<String> response = server.token(form(basic, ""));

        error(response, 401, "invalid_client");
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(server.token("grant_type=client_credentials&resource=" + enc(MCP_URI),
                "Authorization", BasicCredentialsTest.basic(basic.clientId(), basic.clientSecret())).statusCode()).isEqualTo(200);
    }

    @Test
    void tokenEndpointWhenNoCredentialsThenInvalidClient() {
        error(server.token("grant_type=client_credentials&client_id=" + post.clientId() + "&resource=" + enc(MCP_URI)),
                401, "invalid_client");
    }

    // step 4 to 6

    @Test
    void tokenEndpointWhenClientNotRegisteredForGrantThenUnauthorizedClient() {
        error(server.token(form(new RegisteredClient("other-grant-client", OTHER_GRANT_SECRET), "")),
                400, "unauthorized_client");
    }

    @Test
    void tokenEndpointWhenResourceOmittedThenInvalidTargetResourceRequired() {
        HttpResponse<String> response = server.token(form(post, "").replace("&resource=" + enc(MCP_URI), ""));

        assertThat(error(response, 400, "invalid_target").get("error_description").asText())
                .contains("resource is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://mcp.example.com/mcp/", "https://MCP.example.com/mcp", "https://mcp.example.com/mcp#x",
            "/mcp", "https://unregistered.example.com/mcp"})
    void tokenEndpointWhenResourceNotExactlyARegisteredUriThenInvalidTarget(String resource) {
        error(server.token(form(post, "").replace(enc(MCP_URI), enc(resource))), 400, "invalid_target");
    }

    @ParameterizedTest
    @ValueSource(strings = {"&scope=tools/admin", "&scope=tools%5Cquery", "&scope=tools%22query"})
    void tokenEndpointWhenScopeNotGrantableOrMalformedThenInvalidScope(String scope) {
        error(server.token(form(post, scope)), 400, "invalid_scope");
    }

    @Test
    void tokenEndpointWhenScopeOmittedAndClientHasNoScopesThenInvalidScope() {
        error(server.token(form(noScopes, "")), 400, "invalid_scope");
    }

    private static String padded(String prefix, int length) {
        return prefix + "a".repeat(length - prefix.getBytes(StandardCharsets.UTF_8).length);
    }
}
