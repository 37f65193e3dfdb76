package dev.authplane.core.token;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import dev.authplane.core.AuthPlane;
import dev.authplane.core.TestAuthPlanes;
import dev.authplane.core.admin.CreatedClient;
import dev.authplane.core.audit.IssuanceQuery;
import dev.authplane.core.client.GrantTypes;
import dev.authplane.core.client.InMemoryClientRepository;
import dev.authplane.core.config.AuthPlaneConfig;
import dev.authplane.core.dpop.DPoPNonces;
import dev.authplane.core.error.OAuthError;
import dev.authplane.core.error.OAuthException;
import dev.authplane.core.resource.InMemoryResourceRepository;
import dev.authplane.dpop.InMemoryDPoPReplayStore;
import dev.authplane.dpop.TestDPoPProofs;
import dev.authplane.testsupport.CountingJcaProvider;
import dev.authplane.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Map;

import static dev.authplane.core.TestAuthPlanes.RESOURCE_URI;
import static dev.authplane.core.token.TokenServiceTest.assertError;
import static dev.authplane.core.token.TokenServiceTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

/** token step 7 (authplane-core README) and §6: DPoP-bound tokens from the token service. */
class TokenDPoPTest {

    private static final String TOKEN_ENDPOINT = TestAuthPlanes.ISSUER + "/oauth/token";

    private final MutableClock clock = new MutableClock();
    private final ECKey key = TestDPoPProofs.ecKey();

    @Test
    void validProofBindsTheTokenToTheRfc7638ThumbprintOfTheProofKey() throws Exception {
        AuthPlane plane = plane(TestAuthPlanes.config());
        CreatedClient c = TestAuthPlanes.registerClient(plane, "worker", "tools/query");

        IssuedToken token = plane.tokens().issue(withProof(c, proof().sign()));

        String jkt = key.toPublicJWK().computeThumbprint().toString();
        assertThat(token.tokenType()).isEqualTo("DPoP");
        assertThat(SignedJWT.parse(token.accessToken()).getJWTClaimsSet().getJSONObjectClaim("cnf"))
                .isEqualTo(Map.of("jkt", jkt));
        assertThat(plane.admin().listIssuances(IssuanceQuery.lastDay(clock.instant())).get(0))
                .satisfies(row -> {
                    assertThat(row.tokenType()).isEqualTo("DPoP");
                    assertThat(row.dpopJkt()).isEqualTo(jkt);
                });
    }

    @Test
    void theConfiguredCryptoProviderSignsTheTokenAndVerifiesTheProofAndTheJdkVerifiesTheToken() throws Exception {
        AuthPlane plane = plane(TestAuthPlanes.config().withCryptoProvider(new CountingJcaProvider()));
        CreatedClient c = TestAuthPlanes.registerClient(plane, "worker", "tools/query");
        String proof = proof().sign();
        plane.keys().activeKey();
        CountingJcaProvider.reset();

        IssuedToken token = plane.tokens().issue(withProof(c, proof));

        assertThat(CountingJcaProvider.SIGNS.get()).as("the token's signature").isEqualTo(1);
        assertThat(CountingJcaProvider.VERIFIES.get()).as("the proof's signature").isEqualTo(1);
        SignedJWT jwt = SignedJWT.parse(token.accessToken());
        assertThat(jwt.verify(new com.nimbusds.jose.crypto.ECDSAVerifier(
                plane.keys().publicJwkSet().getKeyByKeyId(jwt.getHeader().getKeyID()).toECKey()))).isTrue();
        AuthPlane jdk = plane(TestAuthPlanes.config());
        CreatedClient other = TestAuthPlanes.registerClient(jdk, "other", "tools/query");
        CountingJcaProvider.reset();
        jdk.tokens().issue(withProof(other, proof().sign()));
        assertThat(CountingJcaProvider.SIGNS.get() + CountingJcaProvider.VERIFIES.get())
                .as("positive control: without the setting the JDK's providers compute").isZero();
    }

    @Test
    void invalidOrReplayedProofIsInvalidDpopProofAndNoRow() {
        AuthPlane plane = plane(TestAuthPlanes.config());
        CreatedClient c = TestAuthPlanes.registerClient(plane, "worker", "tools/query");
        String proof = proof().sign();
        plane.tokens().issue(withProof(c, proof));

        assertError(() -> plane.tokens().issue(withProof(c, proof)), OAuthError.INVALID_DPOP_PROOF);
        assertError(() -> plane.tokens().issue(withProof(c, proof().claim("htu", RESOURCE_URI).sign())),
                OAuthError.INVALID_DPOP_PROOF);
        assertThat(plane.admin().listIssuances(IssuanceQuery.lastDay(clock.instant()))).hasSize(1);
    }

    @Test
    void withDpopDisabledTheHeaderIsIgnoredAndTheTokenIsBearer() throws Exception {
        AuthPlane plane = plane(TestAuthPlanes.config("dpop.enabled", "false"));
        CreatedClient c = TestAuthPlanes.registerClient(plane, "worker", "tools/query");

        IssuedToken token = plane.tokens().issue(withProof(c, "not even a proof"));

        assertThat(token.tokenType()).isEqualTo("Bearer");
        assertThat(SignedJWT.parse(token.accessToken()).getJWTClaimsSet().getClaim("cnf")).isNull();
    }

    @Test
    void nonceModeAnswersUseDpopNonceThenAcceptsTheNonce() {
        AuthPlane plane = plane(TestAuthPlanes.config("dpop.require_nonce", "true"));
        CreatedClient c = TestAuthPlanes.registerClient(plane, "worker", "tools/query");

        OAuthException first = failure(() -> plane.tokens().issue(withProof(c, proof().sign())));
        assertThat(first.error()).isEqualTo(OAuthError.USE_DPOP_NONCE);
        String nonce = first.dpopNonce().orElseThrow();

        assertThat(plane.tokens().issue(withProof(c, proof().claim("nonce", nonce).sign())).tokenType())
                .isEqualTo("DPoP");
    }

    /**
     * Issue 14 §6: two nodes (one client store, one replay store) that share a nonce key accept each
     * other's nonces; with per-process keys the second node asks for its own nonce.
     */
    @Test
    void nodesSharingANonceKeyAcceptEachOthersNoncesAndNodesWithOwnKeysDoNot() {
        AuthPlaneConfig config = TestAuthPlanes.config("dpop.require_nonce", "true");
        InMemoryClientRepository clients = new InMemoryClientRepository();
        InMemoryResourceRepository resources = new InMemoryResourceRepository();
        InMemoryDPoPReplayStore replay = new InMemoryDPoPReplayStore(clock, 1_000);
        byte[] sharedKey = new byte[32];
        new SecureRandom().nextBytes(sharedKey);
        AuthPlane nodeA = node(config, clients, resources, replay, new DPoPNonces(sharedKey, clock, DPoPNonces.DEFAULT_WINDOW));
        AuthPlane nodeB = node(config, clients, resources, replay, new DPoPNonces(sharedKey, clock, DPoPNonces.DEFAULT_WINDOW));
        AuthPlane ownKey = node(config, clients, resources, replay, null);
        TestAuthPlanes.registerResource(nodeA);
        CreatedClient c = TestAuthPlanes.registerClient(nodeA, "worker", "tools/query");
        String nonceFromA = failure(() -> nodeA.tokens().issue(withProof(c, proof().sign()))).dpopNonce().orElseThrow();

        assertThat(nodeB.tokens().issue(withProof(c, proof().claim("nonce", nonceFromA).sign())).tokenType())
                .isEqualTo("DPoP");
        OAuthException other = failure(() -> ownKey.tokens().issue(withProof(c, proof().claim("nonce", nonceFromA).sign())));
        assertThat(other.error()).as("a node with its own key").isEqualTo(OAuthError.USE_DPOP_NONCE);
    }

    private AuthPlane node(AuthPlaneConfig config, InMemoryClientRepository clients, InMemoryResourceRepository resources,
                           InMemoryDPoPReplayStore replay, DPoPNonces nonces) {
        AuthPlane.Builder b = TestAuthPlanes.builder(config, clock).clients(clients).resources(resources).replayStore(replay);
        return (nonces == null ? b : b.dpopNonces(nonces)).build();
    }

    private TestDPoPProofs.Proof proof() {
        return TestDPoPProofs.proof(key, TOKEN_ENDPOINT, clock.instant());
    }

    private AuthPlane plane(AuthPlaneConfig config) {
        AuthPlane plane = TestAuthPlanes.builder(config, clock).build();
        TestAuthPlanes.registerResource(plane);
        return plane;
    }

    private static TokenRequest withProof(CreatedClient c, String proof) {
        return new TokenRequest(GrantTypes.CLIENT_CREDENTIALS, TestAuthPlanes.postCredentials(c), null,
                RESOURCE_URI, proof);
    }
}
