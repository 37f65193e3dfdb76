package dev.authplane.mcp.verifier;

import dev.authplane.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import static dev.authplane.mcp.verifier.TestTokens.EC_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The verified-token cache: hits skip signature work but never outlive the token or skip scope checks. */
class VerifiedTokenCacheTest {

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

    VerifiedToken verify(TokenVerifier verifier, String token) throws TokenVerificationException {
        return verifier.verify(AccessRequest.of("Bearer " + token, "POST", "/mcp"));
    }

    @Test
    void cachedTokenStillAcceptedAfterItsSigningKeyLeftTheJwksUntilTheCacheTtl() throws Exception {
        try (TokenVerifier verifier = TokenVerifier.builder(as.issuer(), RESOURCE).clock(clock)
                .tokenCache(Duration.ofMinutes(5), 100).build()) {
            String token = TestTokens.token(as.issuer(), RESOURCE, clock).sign();
            verify(verifier, token);
            as.unpublishAll();
            clock.advance(TokenVerifier.DEFAULT_JWKS_CACHE_TTL.minusSeconds(1));
            assertThat(verify(verifier, token).clientId()).as("served from the cache").isEqualTo("worker-1");
            clock.advance(Duration.ofMinutes(1));
            assertThatThrownBy(() -> verify(verifier, token)).as("cache TTL over, JWKS no longer has the key")
                    .isInstanceOf(TokenRejectedException.class);
        }
    }

    @Test
    void cacheEntryNeverOutlivesTheToken() throws Exception {
        try (TokenVerifier verifier = TokenVerifier.builder(as.issuer(), RESOURCE).clock(clock)
                .clockSkew(Duration.ZERO).tokenCache(Duration.ofHours(2), 100).build()) {
            String token = TestTokens.token(as.issuer(), RESOURCE, clock).expiresAt(clock.instant().plusSeconds(30)).sign();
            clock.advance(Duration.ofSeconds(1));
            verify(verifier, token);
            clock.advance(Duration.ofSeconds(29));
            assertThatThrownBy(() -> verify(verifier, token)).isInstanceOf(TokenRejectedException.class);
        }
    }

    @Test
    void cacheHitStillChecksRequiredScopes() throws Exception {
        try (TokenVerifier open = TokenVerifier.builder(as.issuer(), RESOURCE).clock(clock).build();
             TokenVerifier strict = TokenVerifier.builder(as.issuer(), RESOURCE).clock(clock).requiredScopes("admin").build()) {
            String token = TestTokens.token(as.issuer(), RESOURCE, clock).sign();
            verify(open, token);
            assertThatThrownBy(() -> verify(strict, token)).isInstanceOf(InsufficientScopeException.class);
            assertThatThrownBy(() -> verify(strict, token)).isInstanceOf(InsufficientScopeException.class);
        }
    }

    @Test
    void cacheSizeStaysWithinItsBound() {
        VerifiedTokenCache cache = new VerifiedTokenCache(Duration.ofMinutes(5).toMillis(), 50);
        long now = clock.millis();
        VerifiedToken token = new VerifiedToken("c", "c", Set.of(), Instant.ofEpochMilli(now),
                Instant.ofEpochMilli(now).plusSeconds(3600), "j", Optional.empty());
        for (int i = 0; i < 1000; i++) {
            cache.put(cache.keyOf("token-" + i), token, now);
            assertThat(cache.size()).isLessThanOrEqualTo(50);
        }
        assertThat(cache.get(cache.keyOf("token-999"), now)).isSameAs(token);
    }

    @Test
    void cacheDisabledWithSizeZero() {
        VerifiedTokenCache cache = new VerifiedTokenCache(1000, 0);
        assertThat(cache.keyOf("t")).isNull();
        assertThat(cache.get(null, 0)).isNull();
    }
}
