package dev.authplane.mcp.verifier;

import com.nimbusds.jose.jwk.ECKey;
import dev.authplane.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.authplane.mcp.verifier.TestTokens.EC_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 9068 §4 and RFC 6750 §3 key handling: discovery, cache, unknown-kid refetch without storms, outage behaviour. */
class JwksFetchingTest {

    static final String RESOURCE = "https://mcp.example.com/mcp";

    StubAuthorizationServer as;
    MutableClock clock = MutableClock.startingNow();
    TokenVerifier verifier;

    @BeforeEach
    void setUp() throws Exception {
        as = StubAuthorizationServer.start().publish(EC_KEY);
    }

    @AfterEach
    void tearDown() {
        if (verifier != null) {
            verifier.close();
        }
        as.close();
    }

    TokenVerifier configuredJwks() {
        return TokenVerifier.builder(as.issuer(), RESOURCE).jwksUri(as.jwksUri()).clock(clock).build();
    }

    TokenVerifier discovered() {
        return TokenVerifier.builder(as.issuer(), RESOURCE).clock(clock).build();
    }

    VerifiedToken verify(TestTokens.Spec token) throws TokenVerificationException {
        return verifier.verify(AccessRequest.of("Bearer " + token.sign(), "GET", "/mcp"));
    }

    TestTokens.Spec token() {
        return TestTokens.token(as.issuer(), RESOURCE, clock);
    }

    @Test
    void jwksUriDiscoveredFromMetadataWithWellKnownBeforeIssuerPath() throws Exception {
        as.close();
        as = StubAuthorizationServer.startWithIssuerPath("/tenants/a").publish(EC_KEY);
        verifier = discovered();
        assertThat(verify(token()).clientId()).isEqualTo("worker-1");
        assertThat(as.metadataFetches()).isEqualTo(1);
        assertThat(as.jwksFetches()).isEqualTo(1);
    }

    @Test
    void configuredJwksUriThenNoDiscovery() throws Exception {
        verifier = configuredJwks();
        verify(token());
        assertThat(as.metadataFetches()).isZero();
    }

    @Test
    void metadataNamingAnotherIssuerThenUnavailableAndNoJwksFetched() {
        as.setMetadataIssuer(as.issuer() + "/");
        verifier = discovered();
        assertThatThrownBy(() -> verify(token())).isInstanceOf(VerificationUnavailableException.class);
        assertThat(as.jwksFetches()).isZero();
    }

    @Test
    void metadataWithPlainHttpJwksUriOnNonLoopbackHostThenUnavailable() {
        as.setMetadataJwksUri("http://keys.example.com/jwks.json");
        verifier = discovered();
        assertThatThrownBy(() -> verify(token())).isInstanceOf(VerificationUnavailableException.class);
        assertThat(as.jwksFetches()).isZero();
    }

    @Test
    void failedDiscoveryIsNotRetriedOnEveryRequest() throws Exception {
        as.setDown(true);
        verifier = discovered();
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> verify(token())).isInstanceOf(VerificationUnavailableException.class);
        }
        assertThat(as.metadataFetches()).isEqualTo(1);
        as.setDown(false);
        clock.advance(TokenVerifier.DEFAULT_DISCOVERY_RETRY_INTERVAL);
        assertThat(verify(token()).clientId()).isEqualTo("worker-1");
    }

    @Test
    void cachedJwksServesManyTokensWithOneFetch() throws Exception {
        verifier = configuredJwks();
        for (int i = 0; i < 10; i++) {
            verify(token());
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(as.jwksFetches()).isEqualTo(1);
    }

    @Test
    void unknownKidThenKeyAppearsWithExactlyOneExtraFetch() throws Exception {
        verifier = configuredJwks();
        verify(token());
        assertThat(as.jwksFetches()).isEqualTo(1);
        ECKey rotated = TestTokens.ecKey("ec-2");
        as.publish(rotated);
        clock.advance(Duration.ofSeconds(1));
        assertThat(verify(token().signedWith(rotated)).clientId()).isEqualTo("worker-1");
        assertThat(as.jwksFetches()).isEqualTo(2);
    }

    @Test
    void neverPublishedKidSentTwentyTimesThenAtMostOneRefetch() throws Exception {
        verifier = configuredJwks();
        verify(token());
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofMillis(500));
            ECKey ghost = TestTokens.ecKey("ghost-" + (i % 2));
            assertThatThrownBy(() -> verify(token().signedWith(ghost))).isInstanceOf(TokenRejectedException.class);
        }
        assertThat(as.jwksFetches()).isLessThanOrEqualTo(2);
    }

    @Test
    void jwksDownWithWarmCacheThenTokensStillVerifyAfterCacheExpiry() throws Exception {
        verifier = configuredJwks();
        verify(token());
        as.setDown(true);
        clock.advance(TokenVerifier.DEFAULT_JWKS_CACHE_TTL.plusMinutes(5));
        assertThat(verify(token()).clientId()).isEqualTo("worker-1");
        assertThat(as.jwksFetches()).isGreaterThan(1);
    }

    @Test
    void jwksDownWithColdCacheThenUnavailableNotRejected() {
        as.setDown(true);
        verifier = configuredJwks();
        assertThatThrownBy(() -> verify(token()))
                .isInstanceOfSatisfying(VerificationUnavailableException.class,
                        e -> assertThat(e.error()).contains("temporarily_unavailable"));
    }

    @Test
    void jwksDownBeyondOutageToleranceThenUnavailable() throws Exception {
        verifier = configuredJwks();
        verify(token());
        as.setDown(true);
        clock.advance(TokenVerifier.DEFAULT_JWKS_OUTAGE_TOLERANCE.plusMinutes(10));
        assertThatThrownBy(() -> verify(token())).isInstanceOf(VerificationUnavailableException.class);
    }

    @Test
    void jwksBackAfterColdOutageThenVerifies() throws Exception {
        as.setDown(true);
        verifier = configuredJwks();
        assertThatThrownBy(() -> verify(token())).isInstanceOf(VerificationUnavailableException.class);
        as.setDown(false);
        clock.advance(TokenVerifier.DEFAULT_JWKS_RATE_LIMIT.plusSeconds(1));
        assertThat(verify(token()).clientId()).isEqualTo("worker-1");
    }
}
