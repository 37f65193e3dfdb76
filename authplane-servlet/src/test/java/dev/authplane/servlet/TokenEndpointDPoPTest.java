package dev.authplane.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.authplane.core.AuthPlane;
import dev.authplane.dpop.TestDPoPProofs;
import dev.authplane.servlet.TestRegistrations.RegisteredClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DPoP at the token endpoint (RFC 9449, RFC 9449 §4.3, §5, §8). {@code htu} is checked against the
 * configured token endpoint ({@code https://as.example.test/oauth/token}) while the request really
 * goes to a loopback port: nothing is rebuilt from {@code Host} or {@code X-Forwarded-*}.
 */
class TokenEndpointDPoPTest {

    private static final String TOKEN_HTU = TestServer.ISSUER + "/oauth/token";

    private static TestServer server;
    private static RegisteredClient client;
    private static final ECKey KEY = TestDPoPProofs.ecKey();

    @BeforeAll
    static void start() {
        server = TestServer.start();
        client = TestRegistrations.seed(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> tokenWithProof(String... dpopHeaders) {
        String[] headers = new String[dpopHeaders.length * 2];
        for (int i = 0; i < dpopHeaders.length; i++) {
            headers[2 * i] = "DPoP";
            headers[2 * i + 1] = dpopHeaders[i];
        }
        return server.token(TestRegistrations.postForm(client), headers);
    }

    private static JsonNode issuance(String jti) {
        for (JsonNode row : TestServer.json(server.admin("GET", "/issuances?limit=5000", null)).get("issuances")) {
            if (row.get("jti").asText().equals(jti)) {
                return row;
            }
        }
        throw new AssertionError("no issuance row for jti " + jti);
    }

    private static void assertInvalidProof(HttpResponse<String> response) {
        SafeResponses.assertTokenError(response, 400, "invalid_dpop_proof", client.clientSecret());
    }

    @Test
    void dpopWhenProofValidThenDPoPTokenBoundToRfc7638Thumbprint() throws Exception {
        HttpResponse<String> response = tokenWithProof(TestDPoPProofs.proof(KEY, TOKEN_HTU, Instant.now()).sign());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        SafeResponses.assertTokenHeaders(response);
        JsonNode body = TestServer.json(response);
        assertThat(body.get("token_type").asText()).isEqualTo("DPoP");
        String thumbprint = KEY.computeThumbprint().toString();
        JsonNode claims = TestRegistrations.claims(body.get("access_token").asText());
        assertThat(claims.get("cnf").get("jkt").asText()).isEqualTo(thumbprint);
        JsonNode row = issuance(claims.get("jti").asText());
        assertThat(row.get("token_type").asText()).isEqualTo("DPoP");
        assertThat(row.get("dpop_jkt").asText()).isEqualTo(thumbprint);
    }

    @Test
    void dpopWhenProofSignedWithRs256ThenAccepted() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        String proof = TestDPoPProofs.proof(KEY, TOKEN_HTU, Instant.now()).header("jwk", rsa.toPublicJWK().toJSONObject())
                .signedWith(new RSASSASigner(rsa), JWSAlgorithm.RS256).sign();

        HttpResponse<String> response = tokenWithProof(proof);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(TestRegistrations.claims(TestServer.json(response).get("access_token").asText())
                .get("cnf").get("jkt").asText()).isEqualTo(rsa.computeThumbprint().toString());
    }

    @Test
    void dpopWhenHtuHasQueryThenQueryIgnored() {
        String proof = TestDPoPProofs.proof(KEY, TOKEN_HTU, Instant.now()).claim("htu", TestServer.ISSUER + "/oauth/token?x=1").sign();

        assertThat(tokenWithProof(proof).statusCode()).isEqualTo(200);
    }

    @Test
    void dpopWhenProofReplayedThenInvalidDpopProof() {
        String proof = TestDPoPProofs.proof(KEY, TOKEN_HTU, Instant.now()).sign();
        assertThat(tokenWithProof(proof).statusCode()).isEqualTo(200);

        assertInvalidProof(tokenWithProof(proof));
    }

    @Test
    void dpopWhenHtmIsNotPostThenInvalidDpopProof() {
        assertInvalidProof(tokenWithProof(TestDPoPProofs.proof(KEY, TOKEN_HTU, Instant.now()).claim("htm", "GET").sign()));
    }

    @Test
    void dpopWhenHtuIsTheUrlRebuiltFromHostThenInvalidDpopProofEvenWithForwardedHeaders() {
        String rebuilt = server.uri("/oauth/token").toString();
        String proof = TestDPoPProofs.proof(KEY, TOKEN_HTU, Instant.now()).claim("htu", rebuilt).sign();

        HttpResponse<String> response = server.token(TestRegistrations.postForm(client), "DPoP", proof,
                "X-Forwarded-Host", server.uri("/").getAuthority(), "X-Forwarded-Proto", "http");

        assertInvalidProof(response);
    }

    @Test
    void dpopWhenHtuIsAnotherPathThenInvalidDpopProof() {
        assertInvalidProof(tokenWithProof(TestDPoPProofs.proof(KEY, TOKEN_HTU, Instant.now())
                .claim("htu", TestServer.ISSUER + "/other/token").sign()));
    }

    @Test
    void dpopWhenIatStaleOrInFutureThenInvalidDpopProof() {
        Instant now = Instant.now();
        assertInvalidProof(tokenWithProof(TestDPoPProofs.proof(KEY, TOKEN_HTU, Instant.now()).iat(now.minus(Duration.ofMinutes(10))).sign()));
        assertInvalidProof(tokenWithProof(TestDPoPProofs.proof(KEY, TOKEN_HTU, Instant.now()).iat(now.plus(Duration.ofMinutes(10))).sign()));
    }

    @Test
    void dpopWhenTypIsNotDpopJwtThenInvalidDpopProof() {
        assertInvalidProof(tokenWithProof(TestDPoPProofs.proof(KEY, TOKEN_HTU, Instant.now()).header("typ", "JWT").sign()));
    }

    @Test
    void dpopWhenJwkHoldsPrivateKeyThenInvalidDpopProof() {
        assertInvalidProof(tokenWithProof(TestDPoPProofs.proof(KEY, TOKEN_HTU, Instant.now()).header("jwk", KEY.toJSONObject()).sign()));
    }

    @Test
    void dpopWhenAlgorithmIsHmacThenInvalidDpopProof() throws Exception {
        String proof = TestDPoPProofs.proof(KEY, TOKEN_HTU, Instant.now())
                .signedWith(new MACSigner("0123456789abcdef0123456789abcdef"), JWSAlgorithm.HS256).sign();

        assertInvalidProof(tokenWithProof(proof));
    }

    @Test
    void dpopWhenAlgorithmIsNoneThenInvalidDpopProof() {
        String signed = TestDPoPProofs.proof(KEY, TOKEN_HTU, Instant.now()).header("alg", "none").sign();
        String unsecured = signed.substring(0, signed.lastIndexOf('.') + 1);

        assertInvalidProof(tokenWithProof(unsecured));
    }

    @Test
    void dpopWhenSignatureIsNotByTheJwkThenInvalidDpopProof() {
        ECKey other = TestDPoPProofs.ecKey();

        assertInvalidProof(tokenWithProof(TestDPoPProofs.proof(other, TOKEN_HTU, Instant.now())
                .header("jwk", KEY.toPublicJWK().toJSONObject()).sign()));
    }

    @Test
    void dpopWhenProofCarriesAthThenInvalidDpopProof() {
        assertInvalidProof(tokenWithProof(TestDPoPProofs.proof(KEY, TOKEN_HTU, Instant.now())
                .claim("ath", "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo").sign()));
    }

    @Test
    void dpopWhenTwoDpopHeadersThenInvalidDpopProof() {
        assertInvalidProof(tokenWithProof(TestDPoPProofs.proof(KEY, TOKEN_HTU, Instant.now()).sign(), TestDPoPProofs.proof(KEY, TOKEN_HTU, Instant.now()).sign()));
    }

    @Test
    void dpopWhenTwoDpopHeadersButClientAuthenticationFailsThenInvalidClientBecauseDpopIsStepSeven() {
        String wrongSecret = TestRegistrations.postForm(client).replace(client.clientSecret(), "wrong-secret");
        String proof = TestDPoPProofs.proof(KEY, TOKEN_HTU, Instant.now()).sign();

        HttpResponse<String> response = server.token(wrongSecret, "DPoP", proof, "DPoP", proof);

        SafeResponses.assertTokenError(response, 401, "invalid_client", client.clientSecret());
    }

    @Test
    void dpopWhenDisabledThenRepeatedOrEmptyDpopHeadersAreIgnoredAndTheTokenIsBearer() {
        AuthPlane off = AuthPlane.builder(TestServer.config(Map.of("dpop", Map.of("enabled", false)))).build();
        try (TestServer plain = TestServer.start(off)) {
            RegisteredClient worker = TestRegistrations.seed(plain);
            String proof = TestDPoPProofs.proof(KEY, TOKEN_HTU, Instant.now()).sign();

            HttpResponse<String> repeated = plain.token(TestRegistrations.postForm(worker), "DPoP", proof, "DPoP", proof);
            HttpResponse<String> empty = plain.token(TestRegistrations.postForm(worker), "DPoP", "");

            for (HttpResponse<String> response : List.of(repeated, empty)) {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                assertThat(TestServer.json(response).get("token_type").asText()).isEqualTo("Bearer");
            }
        }
    }

    @Test
    void dpopWhenHeaderIsEmptyThenInvalidDpopProof() {
        assertInvalidProof(tokenWithProof(""));
    }

    @Test
    void dpopWhenOneHeaderHoldsAListOfProofsThenInvalidDpopProof() {
        assertInvalidProof(tokenWithProof(TestDPoPProofs.proof(KEY, TOKEN_HTU, Instant.now()).sign() + ", "
                + TestDPoPProofs.proof(KEY, TOKEN_HTU, Instant.now()).sign()));
    }

    @Test
    void dpopWhenHeaderIsNotAJwsThenInvalidDpopProof() {
        assertInvalidProof(tokenWithProof("not-a-proof"));
    }

    @Test
    void dpopWhenNonceRequiredThenUseDpopNonceWithHeaderAndRetryWithNonceSucceeds() {
        AuthPlane nonces = AuthPlane.builder(TestServer.config(Map.of("dpop", Map.of("require_nonce", true)))).build();
        try (TestServer nonceServer = TestServer.start(nonces)) {
            RegisteredClient worker = TestRegistrations.seed(nonceServer);

            HttpResponse<String> first = nonceServer.token(TestRegistrations.postForm(worker),
                    "DPoP", TestDPoPProofs.proof(KEY, TOKEN_HTU, Instant.now()).sign());

            SafeResponses.assertTokenError(first, 400, "use_dpop_nonce", worker.clientSecret());
            String nonce = first.headers().firstValue("DPoP-Nonce").orElseThrow();
            HttpResponse<String> second = nonceServer.token(TestRegistrations.postForm(worker),
                    "DPoP", TestDPoPProofs.proof(KEY, TOKEN_HTU, Instant.now()).claim("nonce", nonce).sign());
            assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
            assertThat(TestServer.json(second).get("token_type").asText()).isEqualTo("DPoP");
            assertThat(second.headers().firstValue("DPoP-Nonce")).isPresent();
        }
    }
}
