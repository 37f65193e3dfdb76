package dev.authplane.mcp.verifier;

import com.nimbusds.jose.jwk.ECKey;
import dev.authplane.dpop.InMemoryDPoPReplayStore;
import dev.authplane.dpop.TestDPoPProofs;
import dev.authplane.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.authplane.mcp.verifier.TestTokens.EC_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 9068 §4 and RFC 6750 §3 / RFC 9449 §7: DPoP-bound tokens at the resource. */
class DPoPTest {

    static final String RESOURCE = "https://mcp.example.com/mcp";
    static final String HTU = RESOURCE;

    StubAuthorizationServer as;
    MutableClock clock = MutableClock.startingNow();
    TokenVerifier verifier;
    ECKey clientKey = TestTokens.ecKey("client-dpop");
    String boundToken;

    @BeforeEach
    void setUp() throws Exception {
        as = StubAuthorizationServer.start().publish(EC_KEY);
        verifier = TokenVerifier.builder(as.issuer(), RESOURCE).jwksUri(as.jwksUri()).clock(clock).build();
        boundToken = TestTokens.token(as.issuer(), RESOURCE, clock).boundTo(clientKey).sign();
    }

    @AfterEach
    void tearDown() {
        verifier.close();
        as.close();
    }

    TestDPoPProofs.Proof proof() {
        return TestDPoPProofs.forResource(clientKey, "POST", HTU, boundToken, clock.instant());
    }

    VerifiedToken send(String authorization, List<String> proofs) throws TokenVerificationException {
        return verifier.verify(new AccessRequest(List.of(authorization), proofs, "POST", "/mcp"));
    }

    VerifiedToken sendDPoP(String proof) throws TokenVerificationException {
        return send("DPoP " + boundToken, List.of(proof));
    }

    void assertInvalidProof(String proof) {
        assertThatThrownBy(() -> sendDPoP(proof)).isInstanceOfSatisfying(TokenRejectedException.class, e -> {
            assertThat(e.error()).contains(TokenRejectedException.INVALID_DPOP_PROOF);
            assertThat(e.dpopChallenge()).isTrue();
        });
    }

    @Test
    void validProofThenAcceptedWithTheBindingExposed() throws Exception {
        VerifiedToken token = sendDPoP(proof().sign());
        assertThat(token.isDPoPBound()).isTrue();
        assertThat(token.dpopJkt()).contains(clientKey.computeThumbprint().toString());
    }

    @Test
    void sameTokenWithFreshProofsThenEveryRequestAccepted() throws Exception {
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(1));
            assertThat(sendDPoP(proof().sign()).clientId()).isEqualTo("worker-1");
        }
    }

    @Test
    void missingProofThenInvalidDpopProof() {
        assertThatThrownBy(() -> send("DPoP " + boundToken, List.of()))
                .isInstanceOfSatisfying(TokenRejectedException.class,
                        e -> assertThat(e.error()).contains(TokenRejectedException.INVALID_DPOP_PROOF));
    }

    @Test
    void twoProofHeadersThenInvalidDpopProof() {
        assertThatThrownBy(() -> send("DPoP " + boundToken, List.of(proof().sign(), proof().sign())))
                .isInstanceOf(TokenRejectedException.class);
    }

    @Test
    void athOfAnotherTokenThenRejected() {
        assertInvalidProof(proof().claim("ath", TestDPoPProofs.ath("another-token")).sign());
    }

    @Test
    void athMissingThenRejected() {
        assertInvalidProof(proof().claim("ath", null).sign());
    }

    @Test
    void htmOfAnotherMethodThenRejected() {
        assertInvalidProof(proof().claim("htm", "GET").sign());
    }

    @Test
    void htuOfAnotherHostThenRejected() {
        assertInvalidProof(proof().claim("htu", "https://evil.example.com/mcp").sign());
    }

    @Test
    void htuOfAnotherPathThenRejected() {
        assertInvalidProof(proof().claim("htu", "https://mcp.example.com/other").sign());
    }

    @Test
    void htuDifferingOnlyInCaseDefaultPortAndQueryThenAccepted() throws Exception {
        assertThat(sendDPoP(proof().claim("htu", "HTTPS://MCP.Example.COM:443/mcp?session=1").sign()).clientId())
                .isEqualTo("worker-1");
    }

    @Test
    void replayedProofThenRejected() throws Exception {
        String proof = proof().sign();
        sendDPoP(proof);
        clock.advance(Duration.ofSeconds(1));
        assertInvalidProof(proof);
    }

    /**
     * Issue 14 §6: two instances of one MCP server share a replay store, so a proof used at one is
     * refused at the other; with the per-process default the other instance cannot know (the
     * positive control shows the check is real).
     */
    @Test
    void aSharedReplayStoreRefusesAProofReplayedAtAnotherInstance() throws Exception {
        InMemoryDPoPReplayStore shared = new InMemoryDPoPReplayStore(clock, 1_000);
        try (TokenVerifier first = instance(shared); TokenVerifier second = instance(shared);
             TokenVerifier separate = TokenVerifier.builder(as.issuer(), RESOURCE).jwksUri(as.jwksUri()).clock(clock)
                     .build()) {
            String proof = proof().sign();
            assertThat(at(first, proof).clientId()).isNotBlank();

            assertThat(at(separate, proof).clientId()).as("per-process store: the replay goes unnoticed").isNotBlank();
            assertThatThrownBy(() -> at(second, proof)).isInstanceOfSatisfying(TokenRejectedException.class,
                    e -> assertThat(e.error()).contains(TokenRejectedException.INVALID_DPOP_PROOF));
            assertThat(at(second, proof().sign()).clientId()).as("a fresh proof is fine").isNotBlank();
        }
    }

    private TokenVerifier instance(InMemoryDPoPReplayStore shared) {
        return TokenVerifier.builder(as.issuer(), RESOURCE).jwksUri(as.jwksUri()).clock(clock).dpopReplayStore(shared)
                .build();
    }

    private VerifiedToken at(TokenVerifier instance, String proof) throws TokenVerificationException {
        return instance.verify(new AccessRequest(List.of("DPoP " + boundToken), List.of(proof), "POST", "/mcp"));
    }

    @Test
    void proofSignedByAnotherKeyThenJktMismatchRejected() {
        ECKey other = TestTokens.ecKey("other");
        assertInvalidProof(TestDPoPProofs.forResource(other, "POST", HTU, boundToken, clock.instant()).sign());
    }

    @Test
    void proofTooOldThenRejected() {
        String old = proof().sign();
        clock.advance(TokenVerifier.DEFAULT_DPOP_PROOF_LIFETIME.plus(TokenVerifier.DEFAULT_CLOCK_SKEW).plusSeconds(1));
        assertInvalidProof(old);
    }

    @Test
    void proofIssuedInTheFutureThenRejected() {
        assertInvalidProof(proof().claim("iat", clock.instant().plusSeconds(120).getEpochSecond()).sign());
    }

    @Test
    void proofWithTypJwtThenRejected() {
        assertInvalidProof(proof().header("typ", "JWT").sign());
    }

    @Test
    void proofCarryingAPrivateKeyThenRejected() {
        assertInvalidProof(proof().withPrivateKeyInHeader().sign());
    }

    @Test
    void proofThatIsNotAJwsThenRejected() {
        assertInvalidProof("garbage");
    }

    @Test
    void boundTokenPresentedAsBearerThenInvalidTokenWithDPoPChallenge() {
        assertThatThrownBy(() -> send("Bearer " + boundToken, List.of(proof().sign())))
                .isInstanceOfSatisfying(TokenRejectedException.class, e -> {
                    assertThat(e.error()).contains(TokenRejectedException.INVALID_TOKEN);
                    assertThat(e.dpopChallenge()).isTrue();
                });
    }

    @Test
    void boundTokenAsBearerAfterACachedDPoPUseThenStillRejected() throws Exception {
        sendDPoP(proof().sign());
        assertThatThrownBy(() -> send("Bearer " + boundToken, List.of()))
                .isInstanceOf(TokenRejectedException.class);
    }

    @Test
    void unboundTokenPresentedWithDPoPSchemeThenRejected() {
        String unbound = TestTokens.token(as.issuer(), RESOURCE, clock).sign();
        String proof = TestDPoPProofs.forResource(clientKey, "POST", HTU, unbound, clock.instant()).sign();
        assertThatThrownBy(() -> send("DPoP " + unbound, List.of(proof)))
                .isInstanceOfSatisfying(TokenRejectedException.class, e -> assertThat(e.dpopChallenge()).isTrue());
    }

    @Test
    void dpopRequiredThenBearerTokenRejectedAndMissingTokenChallengesWithDPoP() {
        verifier.close();
        verifier = TokenVerifier.builder(as.issuer(), RESOURCE).jwksUri(as.jwksUri()).clock(clock).requireDPoP(true).build();
        String unbound = TestTokens.token(as.issuer(), RESOURCE, clock).sign();
        assertThatThrownBy(() -> send("Bearer " + unbound, List.of()))
                .isInstanceOfSatisfying(TokenRejectedException.class, e -> assertThat(e.dpopChallenge()).isTrue());
        assertThatThrownBy(() -> verifier.verify(new AccessRequest(List.of(), List.of(), "POST", "/mcp")))
                .isInstanceOfSatisfying(MissingTokenException.class, e -> assertThat(e.dpopChallenge()).isTrue());
    }

    @Test
    void publicOriginConfiguredThenHtuCheckedAgainstIt() throws Exception {
        verifier.close();
        verifier = TokenVerifier.builder(as.issuer(), RESOURCE).jwksUri(as.jwksUri()).clock(clock)
                .publicOrigin("https://edge.example.com:8443").build();
        assertThat(sendDPoP(proof().claim("htu", "https://edge.example.com:8443/mcp").sign()).clientId()).isEqualTo("worker-1");
        assertInvalidProof(proof().sign());
    }
}
