package dev.authplane.examples.worker;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenClientTest {

    private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
    private static final String RESOURCE = "https://mcp.example.com/mcp";

    private FakeTokenEndpoint endpoint;

    @BeforeEach
    void start() throws Exception {
        endpoint = new FakeTokenEndpoint();
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    private TokenClient client(TokenClient.AuthMethod method, String secret) {
        return new TokenClient(HttpClient.newHttpClient(), endpoint.url(), "backend-id", secret, method,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void clientSecretPostSendsTheSeedsFormParameters() {
        endpoint.answer(200, "{\"access_token\":\"a.b.c\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                + "\"scope\":\"tools/query\"}");

        AccessToken token = client(TokenClient.AuthMethod.CLIENT_SECRET_POST, "s3cret").request(RESOURCE, "tools/query");

        assertThat(endpoint.requests()).singleElement().satisfies(r -> {
            assertThat(r.body()).isEqualTo("grant_type=client_credentials&client_id=backend-id&client_secret=s3cret"
                    + "&scope=tools%2Fquery&resource=https%3A%2F%2Fmcp.example.com%2Fmcp");
            assertThat(r.authorization()).isNull();
            assertThat(r.contentType()).isEqualTo("application/x-www-form-urlencoded");
        });
        assertThat(token.value()).isEqualTo("a.b.c");
        assertThat(token.scope()).isEqualTo("tools/query");
        assertThat(token.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void clientSecretBasicFormUrlEncodesBothHalvesAndKeepsThemOutOfTheBody() {
        endpoint.answer(200, "{\"access_token\":\"a.b.c\",\"token_type\":\"Bearer\",\"expires_in\":60}");

        client(TokenClient.AuthMethod.CLIENT_SECRET_BASIC, "p+w:d").request(RESOURCE, null);

        String expected = Base64.getEncoder().encodeToString("backend-id:p%2Bw%3Ad".getBytes(StandardCharsets.UTF_8));
        assertThat(endpoint.requests()).singleElement().satisfies(r -> {
            assertThat(r.authorization()).isEqualTo("Basic " + expected);
            assertThat(r.body()).isEqualTo("grant_type=client_credentials&resource=https%3A%2F%2Fmcp.example.com%2Fmcp");
        });
    }

    @Test
    void oauthErrorBecomesOneLineWithCodeAndDescriptionButNoSecret() {
        endpoint.answer(400, "{\"error\":\"unsupported_grant_type\",\"error_description\":\"enable it\"}");

        assertThatThrownBy(() -> client(TokenClient.AuthMethod.CLIENT_SECRET_POST, "s3cret").request(RESOURCE, "x"))
                .isInstanceOf(TokenRequestException.class)
                .hasMessage("token request refused (HTTP 400): unsupported_grant_type - enable it")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void successWithoutExpiresInIsRefused() {
        endpoint.answer(200, "{\"access_token\":\"a.b.c\",\"token_type\":\"Bearer\"}");

        assertThatThrownBy(() -> client(TokenClient.AuthMethod.CLIENT_SECRET_POST, "s").request(RESOURCE, null))
                .isInstanceOf(TokenRequestException.class)
                .hasMessageContaining("expires_in");
    }

    @Test
    void nonJsonAnswerIsReportedWithItsStatus() {
        endpoint.answer(502, "<html>bad gateway</html>");

        assertThatThrownBy(() -> client(TokenClient.AuthMethod.CLIENT_SECRET_POST, "s").request(RESOURCE, null))
                .isInstanceOf(TokenRequestException.class)
                .hasMessageContaining("HTTP 502 without a JSON object");
    }

    @Test
    void accessTokenToStringNeverShowsTheValue() {
        AccessToken token = new AccessToken("secret.token.value", "Bearer", "tools/query", Duration.ofHours(1), NOW);

        assertThat(token.toString()).doesNotContain("secret.token.value").contains("tools/query");
    }

    @Test
    void withDPoPEachRequestCarriesAFreshProofAndANonceChallengeIsRetriedOnce() throws Exception {
        endpoint.answers(
                new FakeTokenEndpoint.Answer(400, "{\"error\":\"use_dpop_nonce\",\"error_description\":\"nonce\"}",
                        java.util.Map.of("DPoP-Nonce", "server-nonce-1")),
                new FakeTokenEndpoint.Answer(200, "{\"access_token\":\"a.b.c\",\"token_type\":\"DPoP\",\"expires_in\":60}",
                        java.util.Map.of()));
        TokenClient client = new TokenClient(HttpClient.newHttpClient(), endpoint.url(), "backend-id", "s",
                TokenClient.AuthMethod.CLIENT_SECRET_POST, Clock.fixed(NOW, ZoneOffset.UTC),
                new DPoPProofs(Clock.fixed(NOW, ZoneOffset.UTC)));

        AccessToken token = client.request(RESOURCE, "tools/query");

        assertThat(token.type()).isEqualTo("DPoP");
        assertThat(endpoint.requests()).hasSize(2);
        var first = com.nimbusds.jwt.SignedJWT.parse(endpoint.requests().get(0).dpop()).getJWTClaimsSet();
        var second = com.nimbusds.jwt.SignedJWT.parse(endpoint.requests().get(1).dpop()).getJWTClaimsSet();
        assertThat(first.getStringClaim("htu")).isEqualTo(endpoint.url().toString());
        assertThat(first.getClaim("nonce")).isNull();
        assertThat(second.getStringClaim("nonce")).isEqualTo("server-nonce-1");
        assertThat(second.getJWTID()).isNotEqualTo(first.getJWTID());
    }
}
