package dev.authplane.mcp.verifier;

import com.nimbusds.jose.jwk.ECKey;
import dev.authplane.dpop.TestDPoPProofs;
import dev.authplane.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.authplane.mcp.verifier.TestTokens.EC_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bounds that keep the verifier from being turned against its authorization server or its memory. */
class ReplayAndRefreshLimitsTest {

    static final String RESOURCE = "https://mcp.example.com/mcp";

    StubAuthorizationServer as;
    MutableClock clock = MutableClock.startingNow();

    @BeforeEach
    void setUp() throws Exception {
        as = StubAuthorizationServer.start().publish(EC_KEY);
    }

    @AfterEach
    void tearDown() {
        as.close();
    }

    TokenVerifierBuilder builder() {
        return TokenVerifier.builder(as.issuer(), RESOURCE).jwksUri(as.jwksUri()).clock(clock);
    }

    static VerifiedToken verify(TokenVerifier verifier, String token) throws TokenVerificationException {
        return verifier.verify(AccessRequest.of("Bearer " + token, "POST", "/mcp"));
    }

    @Test
    void manyConcurrentFirstRequestsThenOneJwksFetch() throws Exception {
        try (TokenVerifier verifier = builder().build()) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<VerifiedToken>> calls = new ArrayList<>();
                for (int i = 0; i < 32; i++) {
                    String token = TestTokens.token(as.issuer(), RESOURCE, clock).sign();
                    calls.add(() -> verify(verifier, token));
                }
                for (Future<VerifiedToken> result : pool.invokeAll(calls)) {
                    assertThat(result.get().clientId()).isEqualTo("worker-1");
                }
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(as.jwksFetches()).isEqualTo(1);
    }

    @Test
    void unknownKidRefetchAllowedAgainAfterTheInterval() throws Exception {
        try (TokenVerifier verifier = builder().build()) {
            verify(verifier, TestTokens.token(as.issuer(), RESOURCE, clock).sign());
            ECKey later = TestTokens.ecKey("later");
            assertThatThrownBy(() -> verify(verifier, TestTokens.token(as.issuer(), RESOURCE, clock).signedWith(later).sign()))
                    .isInstanceOf(TokenRejectedException.class);
            as.publish(later);
            assertThatThrownBy(() -> verify(verifier, TestTokens.token(as.issuer(), RESOURCE, clock).signedWith(later).sign()))
                    .as("within the interval: no new fetch").isInstanceOf(TokenRejectedException.class);
            assertThat(as.jwksFetches()).isEqualTo(2);
            clock.advance(TokenVerifier.DEFAULT_UNKNOWN_KID_REFRESH_INTERVAL);
            assertThat(verify(verifier, TestTokens.token(as.issuer(), RESOURCE, clock).signedWith(later).sign()).clientId())
                    .isEqualTo("worker-1");
            assertThat(as.jwksFetches()).isEqualTo(3);
        }
    }

    @Test
    void replayStoreFullOfLiveProofsThenUnavailableNotAccepted() throws Exception {
        try (TokenVerifier verifier = builder().dpopReplayCapacity(2).build()) {
            ECKey clientKey = TestTokens.ecKey("client");
            String token = TestTokens.token(as.issuer(), RESOURCE, clock).boundTo(clientKey).sign();
            for (int i = 0; i < 2; i++) {
                String proof = TestDPoPProofs.forResource(clientKey, "POST", RESOURCE, token, clock.instant()).sign();
                verifier.verify(new AccessRequest(List.of("DPoP " + token), List.of(proof), "POST", "/mcp"));
            }
            String third = TestDPoPProofs.forResource(clientKey, "POST", RESOURCE, token, clock.instant()).sign();
            assertThatThrownBy(() -> verifier.verify(new AccessRequest(List.of("DPoP " + token), List.of(third), "POST", "/mcp")))
                    .isInstanceOf(VerificationUnavailableException.class);
            clock.advance(TokenVerifier.DEFAULT_DPOP_PROOF_LIFETIME.plus(TokenVerifier.DEFAULT_CLOCK_SKEW).plus(Duration.ofSeconds(1)));
            String fresh = TestDPoPProofs.forResource(clientKey, "POST", RESOURCE, token, clock.instant()).sign();
            assertThat(verifier.verify(new AccessRequest(List.of("DPoP " + token), List.of(fresh), "POST", "/mcp")).isDPoPBound())
                    .as("expired entries make room").isTrue();
        }
    }
}
