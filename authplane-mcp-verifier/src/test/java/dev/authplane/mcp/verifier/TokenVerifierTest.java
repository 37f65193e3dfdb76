package dev.authplane.mcp.verifier;

import dev.authplane.testsupport.CountingJcaProvider;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jwt.SignedJWT;
import dev.authplane.testsupport.MutableClock;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static dev.authplane.mcp.verifier.TestTokens.EC_KEY;
import static dev.authplane.mcp.verifier.TestTokens.RSA_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 9068 §4 and RFC 6750 §3 token rules against a stub authorization server (RFC 9068 §4, RFC 8725). */
class TokenVerifierTest {

    static final String RESOURCE = "https://mcp.example.com/mcp";

    StubAuthorizationServer as;
    MutableClock clock;
    TokenVerifier verifier;

    @BeforeEach
    void setUp() throws Exception {
        as = StubAuthorizationServer.start().publish(EC_KEY, RSA_KEY);
        clock = MutableClock.startingNow();
        verifier = verifierWith(TokenVerifier.DEFAULT_CLOCK_SKEW);
    }

    @AfterEach
    void tearDown() {
        verifier.close();
        as.close();
    }

    TokenVerifier verifierWith(Duration skew) {
        return TokenVerifier.builder(as.issuer(), RESOURCE).clock(clock).clockSkew(skew).build();
    }

    TestTokens.Spec token() {
        return TestTokens.token(as.issuer(), RESOURCE, clock);
    }

    VerifiedToken verify(String token) throws TokenVerificationException {
        return verifier.verify(AccessRequest.of("Bearer " + token, "POST", "/mcp"));
    }

    void assertRejected(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TokenRejectedException.class, e -> {
            assertThat(e.error()).contains(TokenRejectedException.INVALID_TOKEN);
            assertThat(e.description()).isEqualTo("The access token is invalid");
        });
    }

    void assertRejected(String token) {
        assertRejected(() -> verify(token));
    }

    @Test
    void theConfiguredCryptoProviderVerifiesTheSignature() throws Exception {
        try (TokenVerifier counted = TokenVerifier.builder(as.issuer(), RESOURCE).clock(clock)
                .cryptoProvider(new CountingJcaProvider()).build()) {
            String token = token().sign();
            CountingJcaProvider.reset();

            counted.verify(AccessRequest.of("Bearer " + token, "POST", "/mcp"));
            verify(token().sign());

            assertThat(CountingJcaProvider.VERIFIES.get()).as("the counted verifier only; the default one uses the JDK")
                    .isEqualTo(1);
        }
    }

    @Test
    void validTokenThenClientSubjectScopesAndExpiryExposed() throws Exception {
        VerifiedToken t = verify(token().sign());
        assertThat(t.clientId()).isEqualTo("worker-1");
        assertThat(t.subject()).isEqualTo("worker-1");
        assertThat(t.scopes()).containsExactlyInAnyOrder("tools/query", "tools/list");
        assertThat(t.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        assertThat(t.isDPoPBound()).isFalse();
    }

    @Test
    void rs256TokenFromTheJwksIsAccepted() throws Exception {
        assertThat(verify(token().signedWith(RSA_KEY).sign()).clientId()).isEqualTo("worker-1");
    }

    @Test
    void tokenWithoutScopeClaimThenNoScopes() throws Exception {
        assertThat(verify(token().without("scope").sign()).scopes()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"iss", "exp", "aud", "sub", "client_id", "iat", "jti"})
    void tokenWithoutRequiredClaimThenRejected(String claim) {
        assertRejected(token().without(claim).sign());
    }

    @Test
    void issuerDifferentThenRejected() {
        assertRejected(token().claim("iss", "http://evil.example").sign());
    }

    @Test
    void issuerWithTrailingSlashThenRejected() {
        assertRejected(token().claim("iss", as.issuer() + "/").sign());
    }

    @Test
    void audienceOfAnotherResourceThenRejected() {
        assertRejected(token().audience("https://other.example.com/mcp").sign());
    }

    @Test
    void audienceWithTrailingSlashIsAnotherResourceThenRejected() {
        assertRejected(token().audience(RESOURCE + "/").sign());
    }

    @Test
    void audienceArrayContainingTheResourceThenAccepted() throws Exception {
        assertThat(verify(token().audience(List.of("https://other.example.com", RESOURCE)).sign()).clientId())
                .isEqualTo("worker-1");
    }

    @Test
    void audienceArrayWithoutTheResourceThenRejected() {
        assertRejected(token().audience(List.of("https://other.example.com", RESOURCE + "/")).sign());
    }

    @Test
    void expiredWithinClockSkewThenAccepted() throws Exception {
        assertThat(verify(token().expiresAt(clock.instant().minusSeconds(30)).sign()).clientId()).isEqualTo("worker-1");
    }

    @Test
    void expiredBeyondClockSkewThenRejected() {
        assertRejected(token().expiresAt(clock.instant().minusSeconds(61)).sign());
    }

    @Test
    void expiredWithZeroSkewThenRejected() {
        verifier.close();
        verifier = verifierWith(Duration.ZERO);
        assertRejected(token().expiresAt(clock.instant().minusSeconds(1)).sign());
    }

    @Test
    void notBeforeInFutureWithinSkewThenAccepted() throws Exception {
        assertThat(verify(token().notBefore(clock.instant().plusSeconds(30)).sign()).clientId()).isEqualTo("worker-1");
    }

    @Test
    void notBeforeInFutureBeyondSkewThenRejected() {
        assertRejected(token().notBefore(clock.instant().plusSeconds(120)).sign());
    }

    @Test
    void notBeforeSlightlyInFutureWithZeroSkewThenRejected() {
        verifier.close();
        verifier = verifierWith(Duration.ZERO);
        assertRejected(token().notBefore(clock.instant().plusSeconds(5)).sign());
    }

    @Test
    void issuedInFutureWithinSkewThenAccepted() throws Exception {
        Instant iat = clock.instant().plusSeconds(30);
        assertThat(verify(token().issuedAt(iat).notBefore(iat).sign()).issuedAt()).isEqualTo(iat);
    }

    @Test
    void issuedInFutureBeyondSkewThenRejected() {
        assertRejected(token().issuedAt(clock.instant().plusSeconds(120)).without("nbf").sign());
    }

    @Test
    void issuedSlightlyInFutureWithZeroSkewThenRejected() {
        verifier.close();
        verifier = verifierWith(Duration.ZERO);
        assertRejected(token().issuedAt(clock.instant().plusSeconds(5)).without("nbf").sign());
    }

    @Test
    void algNoneThenRejected() {
        String unsigned = token().unsignedParts("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"ec-1\"}") + ".";
        assertRejected(unsigned);
    }

    @Test
    void hs256SignedWithThePublicKeyBytesThenRejected() throws Exception {
        for (byte[] secret : List.of(EC_KEY.toECPublicKey().getEncoded(), RSA_KEY.toRSAPublicKey().getEncoded())) {
            SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
                    .type(new JOSEObjectType("at+jwt")).keyID("ec-1").build(),
                    SignedJWT.parse(token().sign()).getJWTClaimsSet());
            forged.sign(new MACSigner(secret));
            assertRejected(forged.serialize());
        }
    }

    @Test
    void typJwtThenRejected() {
        assertRejected(token().type("JWT").sign());
    }

    @Test
    void typAbsentThenRejected() {
        assertRejected(token().type(null).sign());
    }

    @Test
    void typApplicationAtJwtThenAccepted() throws Exception {
        assertThat(verify(token().type("application/at+jwt").sign()).clientId()).isEqualTo("worker-1");
    }

    @Test
    void noKidThenRejected() {
        assertRejected(token().keyId(null).sign());
    }

    @Test
    void tamperedSignatureThenRejected() {
        String token = token().sign();
        int i = token.lastIndexOf('.') + 10;
        String tampered = token.substring(0, i) + (token.charAt(i) == 'A' ? 'B' : 'A') + token.substring(i + 1);
        assertRejected(tampered);
    }

    @Test
    void tamperedPayloadThenRejected() {
        String good = token().sign();
        String[] parts = good.split("\\.");
        String otherPayload = token().scope("admin").sign().split("\\.")[1];
        assertRejected(parts[0] + "." + otherPayload + "." + parts[2]);
    }

    @Test
    void keyPublishedForEncryptionIsIgnored() throws Exception {
        ECKey encKey = new ECKey.Builder(TestTokens.ecKey("enc-1")).keyUse(KeyUse.ENCRYPTION).algorithm(null).build();
        as.publish(encKey);
        assertRejected(token().signedWith(encKey).sign());
    }

    @Test
    void keyPublishedForAnotherAlgIsIgnored() throws Exception {
        ECKey es512Labelled = new ECKey.Builder(TestTokens.ecKey("es512-1")).algorithm(JWSAlgorithm.ES512).build();
        as.publish(es512Labelled);
        assertRejected(token().signedWith(es512Labelled).sign());
    }

    @Test
    void noAuthorizationHeaderThenMissingTokenWithoutErrorCode() {
        assertThatThrownBy(() -> verifier.verify(new AccessRequest(List.of(), List.of(), "POST", "/mcp")))
                .isInstanceOfSatisfying(MissingTokenException.class, e -> assertThat(e.error()).isEmpty());
    }

    @Test
    void otherAuthorizationSchemeThenMissingToken() {
        assertThatThrownBy(() -> verifier.verify(AccessRequest.of("Basic d29ya2VyOnNlY3JldA==", "POST", "/mcp")))
                .isInstanceOf(MissingTokenException.class);
    }

    @Test
    void twoAuthorizationHeadersThenInvalidRequest() {
        String t = "Bearer " + token().sign();
        assertThatThrownBy(() -> verifier.verify(new AccessRequest(List.of(t, t), List.of(), "POST", "/mcp")))
                .isInstanceOfSatisfying(TokenRejectedException.class,
                        e -> assertThat(e.error()).contains(TokenRejectedException.INVALID_REQUEST));
    }

    @Test
    void bearerWithoutTokenOrWithIllegalCharactersThenRejected() {
        assertRejected(() -> verifier.verify(AccessRequest.of("Bearer", "POST", "/mcp")));
        assertRejected(() -> verifier.verify(AccessRequest.of("Bearer a b", "POST", "/mcp")));
    }

    @Test
    void requiredScopeMissingThenInsufficientScopeNamingIt() {
        verifier.close();
        verifier = TokenVerifier.builder(as.issuer(), RESOURCE).clock(clock).requiredScopes("tools/admin").build();
        assertThatThrownBy(() -> verify(token().sign()))
                .isInstanceOfSatisfying(InsufficientScopeException.class, e -> {
                    assertThat(e.requiredScopes()).isEqualTo(Set.of("tools/admin"));
                    assertThat(e.error()).contains("insufficient_scope");
                });
    }

    @Test
    void requiredScopePresentThenAccepted() throws Exception {
        verifier.close();
        verifier = TokenVerifier.builder(as.issuer(), RESOURCE).clock(clock).requiredScopes("tools/query").build();
        assertThat(verify(token().sign()).hasScope("tools/query")).isTrue();
    }

    @Test
    void rejectionDescriptionSaysNothingAboutTheReason() {
        List<String> tokens = List.of(token().claim("iss", "x").sign(), token().type("JWT").sign(),
                token().expiresAt(clock.instant().minusSeconds(3600)).sign(), "not-a-jwt");
        for (String t : tokens) {
            assertThatThrownBy(() -> verify(t)).isInstanceOfSatisfying(TokenRejectedException.class,
                    e -> assertThat(e.description()).isEqualTo("The access token is invalid"));
        }
    }
}
