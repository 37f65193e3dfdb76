package dev.authplane.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.authplane.core.AuthPlane;
import dev.authplane.core.client.Client;
import dev.authplane.core.client.ClientAuthMethod;
import dev.authplane.core.client.ClientSecretHasher;
import dev.authplane.core.client.GrantTypes;
import dev.authplane.core.client.InMemoryClientRepository;
import dev.authplane.core.scope.ScopeDefinition;
import dev.authplane.core.support.SecureRandomIdGenerator;
import dev.authplane.servlet.TestRegistrations.RegisteredClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.authplane.servlet.TestRegistrations.MCP_URI;
import static org.assertj.core.api.Assertions.assertThat;

/** The seed's end-to-end flow and both client authentication methods, over real HTTP (RFC 6749 §4.4 (core README, token steps), RFC 9068 §2, the issuance audit (README walk-through, step 6) and the admin API (authplane-servlet README)). */
class ClientCredentialsFlowTest {

    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void seedFlowWithClientSecretPostIssuesTokenForResourceAndRecordsIssuance() throws Exception {
        server = TestServer.start();
        RegisteredClient client = TestRegistrations.seed(server);

        HttpResponse<String> response = server.token(TestRegistrations.postForm(client));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        SafeResponses.assertTokenHeaders(response);
        JsonNode body = TestServer.json(response);
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(body.get("scope").asText()).isEqualTo("tools/query");
        assertThat(body.has("refresh_token")).isFalse();
        String token = body.get("access_token").asText();
        JsonNode claims = TestRegistrations.claims(token);
        assertThat(claims.get("sub").asText()).isEqualTo(client.clientId());
        assertThat(claims.get("client_id").asText()).isEqualTo(client.clientId());
        assertThat(claims.get("aud").asText()).isEqualTo(MCP_URI);
        assertThat(claims.get("scope").asText()).isEqualTo("tools/query");
        assertThat(claims.get("iss").asText()).isEqualTo(TestServer.ISSUER);
        assertSignedByPublishedKey(token);

        HttpResponse<String> issuances = server.admin("GET", "/issuances?client=backend-worker&limit=3", null);
        assertThat(issuances.statusCode()).isEqualTo(200);
        JsonNode rows = TestServer.json(issuances).get("issuances");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("jti").asText()).isEqualTo(claims.get("jti").asText());
        assertThat(rows.get(0).get("client_name").asText()).isEqualTo("backend-worker");
        assertThat(rows.get(0).get("resource_uri").asText()).isEqualTo(MCP_URI);
        assertThat(rows.get(0).get("token_type").asText()).isEqualTo("Bearer");
    }

    @Test
    void clientSecretBasicWhenIdHasColonAndSecretHasPlusSlashAtPercentThenBothHalvesFormDecoded() {
        String clientId = "svc:reporting";
        String secret = "p+q/r@s%t:u v";
        server = TestServer.start(planWithClient(clientId, secret, ClientAuthMethod.CLIENT_SECRET_BASIC));
        TestRegistrations.createResource(server, "my-mcp", MCP_URI, "tools/query||Query tools");

        HttpResponse<String> response = server.token("grant_type=client_credentials&resource=" + enc(MCP_URI),
                "Authorization", BasicCredentialsTest.basic(clientId, secret));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode claims = TestRegistrations.claims(TestServer.json(response).get("access_token").asText());
        assertThat(claims.get("client_id").asText()).isEqualTo(clientId);
        assertThat(claims.get("scope").asText()).isEqualTo("tools/query");
    }

    @Test
    void clientSecretBasicWhenSecretNotFormEncodedThenPlusIsASpaceAndClientIsRejected() {
        String clientId = "svc-reporting";
        String secret = "p+q";
        server = TestServer.start(planWithClient(clientId, secret, ClientAuthMethod.CLIENT_SECRET_BASIC));
        TestRegistrations.createResource(server, "my-mcp", MCP_URI, "tools/query||Query tools");
        String raw = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = server.token("grant_type=client_credentials&resource=" + enc(MCP_URI),
                "Authorization", "Basic " + raw);

        SafeResponses.assertTokenError(response, 401, "invalid_client", secret);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Basic realm=\"authplane\"");
    }

    @Test
    void clientCredentialsWhenScopeRequestedThenIntersectionWithRegisteredScopesIsGranted() {
        server = TestServer.start();
        TestRegistrations.createResource(server, "my-mcp", MCP_URI, "tools/query||Query", "tools/admin||Admin");
        RegisteredClient client = TestRegistrations.createClient(server, "backend-worker", "client_secret_post",
                "tools/query||Query", "tools/list||List");

        HttpResponse<String> response = server.token(TestRegistrations.postForm(client)
                + "&scope=tools/query+tools/admin+unknown");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(TestServer.json(response).get("scope").asText()).isEqualTo("tools/query");
    }

    @Test
    void clientCredentialsWhenScopeOmittedThenAllRegisteredScopesSorted() {
        server = TestServer.start();
        TestRegistrations.createResource(server, "my-mcp", MCP_URI, "tools/query||Query", "tools/write||Write");
        RegisteredClient client = TestRegistrations.createClient(server, "backend-worker", "client_secret_post",
                "tools/write||Write", "tools/query||Query");

        HttpResponse<String> response = server.token(TestRegistrations.postForm(client));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(TestServer.json(response).get("scope").asText()).isEqualTo("tools/query tools/write");
    }

    @Test
    void tokenResponseAndTokenOmitScopeOnlyWhenNothingWasGranted() {
        server = TestServer.start(AuthPlane.builder(TestServer.config(Map.of()))
                .scopeResolver((client, resource, requested) -> List.of()).build());
        RegisteredClient client = TestRegistrations.seed(server);

        HttpResponse<String> response = server.token(TestRegistrations.postForm(client));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = TestServer.json(response);
        assertThat(body.has("scope")).isFalse();
        assertThat(TestRegistrations.claims(body.get("access_token").asText()).has("scope")).isFalse();
    }

    @Test
    void clientCredentialsIgnoresQueryStringAndUnknownBodyParameters() {
        server = TestServer.start();
        RegisteredClient client = TestRegistrations.seed(server);

        HttpResponse<String> response = server.send(server.request("/oauth/token?grant_type=password&scope=x")
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(
                        TestRegistrations.postForm(client) + "&audience=other&empty=")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(TestServer.json(response).get("scope").asText()).isEqualTo("tools/query");
    }

    /** An AuthPlane whose client store holds one client with an id and secret the generator never makes. */
    static AuthPlane planWithClient(String clientId, String secret, ClientAuthMethod method) {
        InMemoryClientRepository clients = new InMemoryClientRepository();
        ClientSecretHasher hasher = new ClientSecretHasher(4, new SecureRandomIdGenerator());
        clients.insert(Client.builder().clientId(clientId).name("awkward-" + method.value())
                .secretHash(hasher.hash(secret)).grantTypes(Set.of(GrantTypes.CLIENT_CREDENTIALS))
                .authMethod(method).scopes(List.of(ScopeDefinition.of("tools/query")))
                .createdAt(Instant.parse("2026-01-01T00:00:00Z")).build());
        return AuthPlane.builder(TestServer.config(Map.of())).clients(clients).build();
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private void assertSignedByPublishedKey(String token) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getType()).isEqualTo(new JOSEObjectType("at+jwt"));
        JWKSet jwks = JWKSet.parse(server.get("/.well-known/jwks.json").body());
        assertThat(jwt.verify(new ECDSAVerifier(jwks.getKeyByKeyId(jwt.getHeader().getKeyID()).toECKey()))).isTrue();
    }
}
