package dev.authplane.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import dev.authplane.core.client.ClientAssertionCredentials;
import dev.authplane.testsupport.ClientAssertionBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static dev.authplane.servlet.TestRegistrations.MCP_URI;
import static dev.authplane.testsupport.ClientAssertionBuilder.newEcKey;
import static dev.authplane.testsupport.ClientAssertionBuilder.newRsaKey;
import static dev.authplane.testsupport.ClientAssertionBuilder.publicJwks;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code private_key_jwt} over real HTTP: registration through the admin API, the token request's
 * shape rules, the uniform {@code invalid_client}, the audit fields, and a real third-party client
 * (nimbus oauth2-oidc-sdk's {@code PrivateKeyJWT} with a {@code ClientCredentialsGrant}).
 */
class PrivateKeyJwtEndpointTest {

    private final ECKey key = newEcKey("agent-key-1");
    private TestServer server;
    private String clientId;

    @BeforeEach
    void start() {
        server = TestServer.start();
        TestRegistrations.createResource(server, "my-mcp", MCP_URI, "tools/query||Query tools");
        HttpResponse<String> created = server.admin("POST", "/clients", "{\"name\":\"agent\","
                + "\"grant_types\":[\"client_credentials\"],\"token_endpoint_auth_method\":\"private_key_jwt\","
                + "\"scopes\":[\"tools/query\"],\"jwks\":" + publicJwks(key) + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = TestServer.json(created);
        assertThat(body.has("client_secret")).as("no secret is generated").isFalse();
        assertThat(body.get("token_endpoint_auth_method").asText()).isEqualTo("private_key_jwt");
        assertThat(body.get("key_ids").get(0).asText()).isEqualTo("agent-key-1");
        clientId = body.get("client_id").asText();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String assertion() {
        return ClientAssertionBuilder.assertion(key, clientId, TestServer.ISSUER, Instant.now()).sign();
    }

    private static String form(String assertion, String... extra) {
        StringBuilder form = new StringBuilder("grant_type=client_credentials&resource=" + enc(MCP_URI)
                + "&client_assertion_type=" + enc(ClientAssertionCredentials.JWT_BEARER)
                + "&client_assertion=" + assertion);
        for (String e : extra) {
            form.append('&').append(e);
        }
        return form.toString();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void anAssertionWithOrWithoutClientIdGetsATokenAndTheAuditRecordsHow() {
        HttpResponse<String> bare = server.token(form(assertion()));
        assertThat(bare.statusCode()).as(bare.body()).isEqualTo(200);
        SafeResponses.assertTokenHeaders(bare);
        assertThat(TestRegistrations.claims(TestServer.json(bare).get("access_token").asText()).get("sub").asText())
                .isEqualTo(clientId);
        HttpResponse<String> named = server.token(form(assertion(), "client_id=" + clientId));
        assertThat(named.statusCode()).as(named.body()).isEqualTo(200);

        JsonNode rows = TestServer.json(server.admin("GET", "/issuances?client=agent", null)).get("issuances");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("auth_method").asText()).isEqualTo("private_key_jwt");
        assertThat(rows.get(0).get("assertion_kid").asText()).isEqualTo("agent-key-1");
    }

    @Test
    void aFailedAssertionIsTheSameInvalidClientAsAWrongSecretAndShowsNothingOfTheAssertion() {
        String forged = ClientAssertionBuilder.assertion(newEcKey("agent-key-1"), clientId, TestServer.ISSUER,
                Instant.now()).sign();
        HttpResponse<String> refused = server.token(form(forged));
        var secretClient = TestRegistrations.createClient(server, "worker", "client_secret_post", "tools/query");
        HttpResponse<String> wrongSecret = server.token("grant_type=client_credentials&client_id="
                + secretClient.clientId() + "&client_secret=wrong&resource=" + enc(MCP_URI));

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(TestServer.json(refused)).isEqualTo(TestServer.json(wrongSecret));
        assertThat(refused.body()).doesNotContain(forged.split("\\.")[2]).doesNotContain(clientId);
        assertThat(server.token(form(assertion())).statusCode()).isEqualTo(200);
    }

    @Test
    void exactlyOneAuthenticationMethodPerRequest() {
        String basic = "Basic " + Base64.getEncoder().encodeToString((clientId + ":x").getBytes(StandardCharsets.UTF_8));
        assertInvalidRequest(server.token(form(assertion()), "Authorization", basic), "exactly one");
        assertInvalidRequest(server.token(form(assertion(), "client_secret=x", "client_id=" + clientId)), "exactly one");
        assertInvalidRequest(server.token("grant_type=client_credentials&client_assertion=" + assertion()), "together");
        assertInvalidRequest(server.token("grant_type=client_credentials&client_assertion_type="
                + enc(ClientAssertionCredentials.JWT_BEARER)), "together");
        assertInvalidRequest(server.token("grant_type=client_credentials&client_assertion_type=urn:example:saml"
                + "&client_assertion=" + assertion()), "client_assertion_type must be");
        assertThat(server.token(form(assertion())).statusCode()).isEqualTo(200);
    }

    private static void assertInvalidRequest(HttpResponse<String> response, String description) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode body = TestServer.json(response);
        assertThat(body.get("error").asText()).isEqualTo("invalid_request");
        assertThat(body.get("error_description").asText()).contains(description);
    }

    @Test
    void nimbusOAuthSdkPrivateKeyJwtClientGetsATokenWithTheIssuerAsAudience() throws Exception {
        URI tokenEndpoint = server.uri("/oauth/token");
        JWTAuthenticationClaimsSet claims = new JWTAuthenticationClaimsSet(new ClientID(clientId),
                new Audience(TestServer.ISSUER));
        PrivateKeyJWT auth = new PrivateKeyJWT(claims, JWSAlgorithm.ES256, key.toECPrivateKey(), key.getKeyID(), null);
        TokenRequest request = new TokenRequest.Builder(tokenEndpoint, auth, new ClientCredentialsGrant())
                .scope(new Scope("tools/query")).resource(URI.create(MCP_URI)).build();

        HTTPResponse http = request.toHTTPRequest().send();
        TokenResponse response = TokenResponse.parse(http);

        assertThat(response.indicatesSuccess()).as(http.getBody()).isTrue();
        String token = response.toSuccessResponse().getTokens().getAccessToken().getValue();
        assertThat(TestRegistrations.claims(token).get("aud").asText()).isEqualTo(MCP_URI);

        JWTAuthenticationClaimsSet toEndpoint = new JWTAuthenticationClaimsSet(new ClientID(clientId),
                new Audience(TestServer.ISSUER + "/oauth/token"));
        TokenRequest old = new TokenRequest.Builder(tokenEndpoint, new PrivateKeyJWT(toEndpoint, JWSAlgorithm.ES256,
                key.toECPrivateKey(), key.getKeyID(), null), new ClientCredentialsGrant()).resource(URI.create(MCP_URI)).build();
        TokenErrorResponse refused = TokenResponse.parse(old.toHTTPRequest().send()).toErrorResponse();
        assertThat(refused.getErrorObject().getCode()).as("token endpoint audience is off by default")
                .isEqualTo("invalid_client");
    }

    @Test
    void keysAreReplacedThroughTheAdminApiAndASecretCannotBeRotated() {
        RSAKey next = newRsaKey("agent-key-2");
        HttpResponse<String> replaced = server.admin("PUT", "/clients/agent/keys", "{\"jwks\":" + publicJwks(next) + "}");
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(TestServer.json(replaced).get("key_ids").toString()).isEqualTo("[\"agent-key-2\"]");
        assertThat(server.token(form(assertion())).statusCode()).as("the old key no longer works").isEqualTo(401);
        String byNew = ClientAssertionBuilder.assertion(next, clientId, TestServer.ISSUER, Instant.now()).sign();
        assertThat(server.token(form(byNew)).statusCode()).isEqualTo(200);

        HttpResponse<String> rotate = server.admin("POST", "/clients/agent/rotate-secret", null);
        assertThat(rotate.statusCode()).isEqualTo(400);
        assertThat(rotate.body()).contains("no secret to rotate");
        HttpResponse<String> withPrivate = server.admin("PUT", "/clients/agent/keys",
                "{\"jwks\":" + new com.nimbusds.jose.jwk.JWKSet(next).toString(false) + "}");
        assertThat(withPrivate.statusCode()).isEqualTo(400);
        assertThat(withPrivate.body()).contains("private members").doesNotContain(next.getPrivateExponent().toString());
        assertThat(server.admin("PUT", "/clients/agent/keys", "{\"jwks\":\"not an object\"}").statusCode()).isEqualTo(400);
        assertThat(List.of(server.admin("GET", "/clients/agent", null).statusCode())).containsExactly(200);
    }
}
