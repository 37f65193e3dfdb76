package dev.authplane.reliability;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.authplane.core.client.ClientAssertionCredentials;
import dev.authplane.core.key.KeyManager;
import dev.authplane.testsupport.ClientAssertionBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8, several nodes: two server processes on one PostgreSQL database, serving one issuer.
 * A token minted by either verifies against the other's JWKS; a key rotated on one is published by
 * both within the key refresh interval ({@value KeyManager#DEFAULT_REFRESH_SECONDS} s); a secret
 * rotated or a client disabled on one is refused by the other within {@link #CLIENT_CHANGE_BOUND}
 * (the client row is read on every request and a cached verification is bound to the stored
 * secret hash, so in practice at once); a DPoP proof used at one node is refused at the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiNodeTest {

    /** The documented bound for a client change on one node to take effect on every node. */
    static final Duration CLIENT_CHANGE_BOUND = Duration.ofSeconds(5);

    private String url;
    private ServerProcess a;
    private ServerProcess b;

    @BeforeAll
    void startTwoNodes() {
        url = Databases.freshPostgresDatabase("cluster");
        a = ServerProcess.start("node-a", ServerProcess.environment(WorkDir.fresh("node-a"), Map.of("AUTHPLANE_STORAGE_URL", url)));
        String issuer = a.env().get("AUTHPLANE_SERVER_ISSUER");
        b = ServerProcess.start("node-b", ServerProcess.environment(WorkDir.fresh("node-b"),
                Map.of("AUTHPLANE_STORAGE_URL", url, "AUTHPLANE_SERVER_ISSUER", issuer)));
        a.createResource("mcp", EmbeddedServer.RESOURCE);
    }

    @AfterAll
    void stopNodes() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (url != null) {
            SecretLedger.recordPrivateKeys(url);
        }
    }

    @Test
    void tokenMintedByOneNodeVerifiesAgainstTheOtherNodesJwks() throws Exception {
        TestClient client = a.createClient("cross-verify", "client_secret_post");
        assertThat(verifies(token(a, client), b)).as("A's token against B's JWKS").isTrue();
        assertThat(verifies(token(b, client), a)).as("B's token against A's JWKS").isTrue();
    }

    /** Last: until the other node's next refresh, a key rotation is (by design) published by one node only. */
    @Test
    @Order(Integer.MAX_VALUE)
    void keyRotatedOnOneNodeIsPublishedByBothWithinTheRefreshInterval() throws Exception {
        String oldKid = kidOf(token(a, a.createClient("rotation-witness", "client_secret_post")));
        String newKid = Http.json(ServerProcess.expect(200, a.admin("POST", "/keys/rotate", null)).body()).path("kid").asText();

        assertThat(jwks(a).getKeyByKeyId(newKid)).as("published by the rotating node at once").isNotNull();
        Duration seen = awaitTrue(() -> jwks(b).getKeyByKeyId(newKid) != null,
                KeyManager.DEFAULT_REFRESH_INTERVAL.plusSeconds(10));

        System.out.printf("several nodes: key %s rotated on A was published by B after %d ms (bound: refresh interval %d s)%n",
                newKid, seen.toMillis(), KeyManager.DEFAULT_REFRESH_SECONDS);
        assertThat(jwks(a).getKeyByKeyId(oldKid)).as("the retired key stays published").isNotNull();
        assertThat(jwks(b).getKeyByKeyId(oldKid)).isNotNull();
    }

    @Test
    void secretRotatedOnOneNodeIsRefusedByTheOtherWithinTheBound() {
        TestClient client = a.createClient("rotate-me", "client_secret_basic");
        assertThat(status(b, client)).as("B authenticates (and caches) the original secret").isEqualTo(200);

        var rotated = Http.json(ServerProcess.expect(200, a.admin("POST", "/clients/rotate-me/rotate-secret", null)).body());
        SecretLedger.record("client-secret", rotated.path("client_secret").asText());
        Duration refused = awaitTrue(() -> status(b, client) == 401, CLIENT_CHANGE_BOUND);

        System.out.printf("several nodes: secret rotated on A refused by B after %d ms (bound %d s)%n", refused.toMillis(),
                CLIENT_CHANGE_BOUND.toSeconds());
        TestClient fresh = new TestClient(client.clientId(), rotated.path("client_secret").asText(), client.authMethod());
        assertThat(status(b, fresh)).isEqualTo(200);
        assertThat(status(a, client)).isEqualTo(401);
    }

    @Test
    void clientDisabledOnOneNodeIsRefusedByTheOtherWithinTheBound() {
        TestClient client = a.createClient("disable-me", "client_secret_post");
        assertThat(status(b, client)).isEqualTo(200);

        ServerProcess.expect(200, a.admin("POST", "/clients/disable-me/disable", null));
        Duration refused = awaitTrue(() -> status(b, client) == 401, CLIENT_CHANGE_BOUND);
        ServerProcess.expect(200, a.admin("POST", "/clients/disable-me/enable", null));
        Duration readmitted = awaitTrue(() -> status(b, client) == 200, CLIENT_CHANGE_BOUND);

        System.out.printf("several nodes: client disabled on A refused by B after %d ms, re-enabled after %d ms (bound %d s)%n",
                refused.toMillis(), readmitted.toMillis(), CLIENT_CHANGE_BOUND.toSeconds());
    }

    @Test
    void dpopProofUsedAtOneNodeIsRefusedAtTheOther() throws Exception {
        TestClient client = a.createClient("dpop-client", "client_secret_post");
        String proof = proof(a.env().get("AUTHPLANE_SERVER_ISSUER") + "/oauth/token");

        HttpResponse<String> first = Http.postForm(a.tokenEndpoint(), client.form(EmbeddedServer.RESOURCE), "DPoP", proof);
        HttpResponse<String> replayed = Http.postForm(b.tokenEndpoint(), client.form(EmbeddedServer.RESOURCE), "DPoP", proof);

        assertThat(first.statusCode()).as(ResponseRules.clip(first.body())).isEqualTo(200);
        SecretLedger.record("access-token", Http.json(first.body()).path("access_token").asText());
        assertThat(Http.json(first.body()).path("token_type").asText()).isEqualTo("DPoP");
        assertThat(replayed.statusCode()).isEqualTo(400);
        assertThat(Http.json(replayed.body()).path("error").asText()).isEqualTo("invalid_dpop_proof");
        assertThat(replayed.body()).doesNotContain("access_token");
    }

    /**
     * Issue 15: a {@code private_key_jwt} assertion accepted by node A is a replay at node B (the
     * JDBC replay store on the shared PostgreSQL); a fresh assertion of the same client at B is the
     * positive control. The assertions go into the secret ledger, so the log check also proves no
     * node logged them.
     */
    @Test
    void aClientAssertionAcceptedByOneNodeIsAReplayAtTheOther() {
        ECKey key = ClientAssertionBuilder.newEcKey("node-agent-1");
        HttpResponse<String> created = a.admin("POST", "/clients", "{\"name\":\"key-agent\",\"grant_types\":"
                + "[\"client_credentials\"],\"token_endpoint_auth_method\":\"private_key_jwt\",\"scopes\":[\"tools/query\"],"
                + "\"jwks\":" + ClientAssertionBuilder.publicJwks(key) + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String clientId = Http.json(created.body()).path("client_id").asText();
        String issuer = a.env().get("AUTHPLANE_SERVER_ISSUER");
        String assertion = ClientAssertionBuilder.assertion(key, clientId, issuer, Instant.now()).sign();
        String fresh = ClientAssertionBuilder.assertion(key, clientId, issuer, Instant.now()).sign();
        SecretLedger.record("client-assertion", assertion);
        SecretLedger.record("client-assertion", fresh);

        HttpResponse<String> atA = Http.postForm(a.tokenEndpoint(), assertionForm(assertion));
        HttpResponse<String> replayedAtB = Http.postForm(b.tokenEndpoint(), assertionForm(assertion));
        HttpResponse<String> freshAtB = Http.postForm(b.tokenEndpoint(), assertionForm(fresh));

        assertThat(atA.statusCode()).as(ResponseRules.clip(atA.body())).isEqualTo(200);
        assertThat(replayedAtB.statusCode()).isEqualTo(401);
        assertThat(Http.json(replayedAtB.body()).path("error").asText()).isEqualTo("invalid_client");
        assertThat(replayedAtB.body()).doesNotContain("access_token");
        assertThat(freshAtB.statusCode()).as(ResponseRules.clip(freshAtB.body())).isEqualTo(200);
        SecretLedger.record("access-token", Http.json(atA.body()).path("access_token").asText());
        SecretLedger.record("access-token", Http.json(freshAtB.body()).path("access_token").asText());
    }

    private static String assertionForm(String assertion) {
        return "grant_type=client_credentials&client_assertion_type="
                + URLEncoder.encode(ClientAssertionCredentials.JWT_BEARER, StandardCharsets.UTF_8)
                + "&client_assertion=" + assertion + "&resource=" + URLEncoder.encode(EmbeddedServer.RESOURCE,
                StandardCharsets.UTF_8);
    }

    /**
     * Issue 14 §6: two more nodes on the same PostgreSQL, requiring DPoP nonces and sharing
     * {@code dpop.nonce_key}: a nonce node C hands out is accepted by node D. A third node with its
     * own key (none configured) asks for its own nonce instead (the positive control).
     */
    @Test
    void aDpopNonceFromOneNodeIsAcceptedByAnotherThatSharesTheNonceKey() throws Exception {
        String issuer = a.env().get("AUTHPLANE_SERVER_ISSUER");
        String nonceKey = java.util.Base64.getEncoder().encodeToString(UUID.randomUUID().toString().repeat(2)
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Map<String, String> shared = Map.of("AUTHPLANE_STORAGE_URL", url, "AUTHPLANE_SERVER_ISSUER", issuer,
                "AUTHPLANE_DPOP_REQUIRE_NONCE", "true", "AUTHPLANE_DPOP_NONCE_KEY", nonceKey);
        try (ServerProcess c = ServerProcess.start("node-c", ServerProcess.environment(WorkDir.fresh("node-c"), shared));
             ServerProcess d = ServerProcess.start("node-d", ServerProcess.environment(WorkDir.fresh("node-d"), shared));
             ServerProcess own = ServerProcess.start("node-own", ServerProcess.environment(WorkDir.fresh("node-own"),
                     Map.of("AUTHPLANE_STORAGE_URL", url, "AUTHPLANE_SERVER_ISSUER", issuer,
                             "AUTHPLANE_DPOP_REQUIRE_NONCE", "true")))) {
            TestClient client = a.createClient("nonce-client", "client_secret_post");
            String htu = issuer + "/oauth/token";
            HttpResponse<String> asked = Http.postForm(c.tokenEndpoint(), client.form(EmbeddedServer.RESOURCE), "DPoP",
                    proof(htu, null));
            assertThat(Http.json(asked.body()).path("error").asText()).as(asked.body()).isEqualTo("use_dpop_nonce");
            String nonce = asked.headers().firstValue("DPoP-Nonce").orElseThrow();

            HttpResponse<String> atD = Http.postForm(d.tokenEndpoint(), client.form(EmbeddedServer.RESOURCE), "DPoP",
                    proof(htu, nonce));
            HttpResponse<String> atOwn = Http.postForm(own.tokenEndpoint(), client.form(EmbeddedServer.RESOURCE), "DPoP",
                    proof(htu, nonce));

            assertThat(atD.statusCode()).as(ResponseRules.clip(atD.body())).isEqualTo(200);
            SecretLedger.record("access-token", Http.json(atD.body()).path("access_token").asText());
            assertThat(Http.json(atOwn.body()).path("error").asText()).isEqualTo("use_dpop_nonce");
        }
    }

    /** A token from {@code node} for {@code client} (expects 200); recorded in the secret ledger. */
    static String token(ServerProcess node, TestClient client) {
        HttpResponse<String> response = Http.postForm(node.tokenEndpoint(), client.form(EmbeddedServer.RESOURCE));
        assertThat(response.statusCode()).as(ResponseRules.clip(response.body())).isEqualTo(200);
        String token = Http.json(response.body()).path("access_token").asText();
        SecretLedger.record("access-token", token);
        return token;
    }

    private static int status(ServerProcess node, TestClient client) {
        HttpResponse<String> response = client.authMethod().equals("client_secret_basic")
                ? Http.postForm(node.tokenEndpoint(), client.form(EmbeddedServer.RESOURCE), "Authorization", client.basicHeader())
                : Http.postForm(node.tokenEndpoint(), client.form(EmbeddedServer.RESOURCE));
        if (response.statusCode() == 200) {
            SecretLedger.record("access-token", Http.json(response.body()).path("access_token").asText());
        }
        return response.statusCode();
    }

    private static JWKSet jwks(ServerProcess node) {
        try {
            return JWKSet.parse(ServerProcess.expect(200, Http.get(node.uri("/.well-known/jwks.json"))).body());
        } catch (ParseException e) {
            throw new AssertionError("JWKS is not a JWK set", e);
        }
    }

    private static String kidOf(String token) throws ParseException {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    private static boolean verifies(String token, ServerProcess publisher) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        ECKey key = (ECKey) jwks(publisher).getKeyByKeyId(jwt.getHeader().getKeyID());
        return key != null && jwt.verify(new ECDSAVerifier(key));
    }

    private static String proof(String htu) throws JOSEException {
        return proof(htu, null);
    }

    private static String proof(String htu, String nonce) throws JOSEException {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString()).claim("htm", "POST")
                .claim("htu", htu).issueTime(new Date());
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        SignedJWT proof = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
                .jwk(key.toPublicJWK()).build(), claims.build());
        proof.sign(new ECDSASigner(key));
        return proof.serialize();
    }

    /** Polls {@code condition} every 100 ms; returns how long it took, or fails after {@code bound}. */
    static Duration awaitTrue(java.util.function.BooleanSupplier condition, Duration bound) {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > bound.toNanos()) {
                throw new AssertionError("condition not met within " + bound);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
