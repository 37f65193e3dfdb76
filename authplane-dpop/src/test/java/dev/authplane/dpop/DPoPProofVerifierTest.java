package dev.authplane.dpop;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import dev.authplane.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 9449 / RFC 9449 §4.3: every rule a DPoP proof must pass. */
class DPoPProofVerifierTest {

    private static final String HTU = "https://as.example.com/oauth/token";
    private static final DPoPCheck TOKEN_ENDPOINT = DPoPCheck.tokenEndpoint("POST", HTU);

    private final MutableClock clock = new MutableClock();
    private final InMemoryDPoPReplayStore replay = new InMemoryDPoPReplayStore(clock, 1000);
    private final DPoPProofVerifier verifier = DPoPProofVerifier.builder(replay, clock)
            .proofLifetime(Duration.ofSeconds(60)).clockSkew(Duration.ofSeconds(5)).build();
    private final ECKey key = TestDPoPProofs.ecKey();

    @Test
    void validProofReturnsRfc7638Sha256ThumbprintOfTheProofKey() throws Exception {
        String jkt = verifier.verify(proof().sign(), TOKEN_ENDPOINT);

        assertThat(jkt).isEqualTo(key.toPublicJWK().computeThumbprint().toString());
    }

    @Test
    void rfc7638Section31ThumbprintExample() throws Exception {
        JWK rfcKey = JWK.parse("{\"kty\":\"RSA\",\"n\":\"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAt"
                + "VT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-"
                + "65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0f"
                + "M4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw\",\"e\":\"AQAB\",\"alg\":\"RS256\","
                + "\"kid\":\"2011-04-29\"}");

        assertThat(rfcKey.computeThumbprint("SHA-256").toString())
                .isEqualTo("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    }

    @Test
    void rsaAndPs256ProofsAreAccepted() throws Exception {
        var rsa = TestDPoPProofs.rsaKey();

        assertThat(verifier.verify(proof().rsa(rsa, "RS256").sign(), TOKEN_ENDPOINT)).isNotBlank();
        assertThat(verifier.verify(proof().rsa(rsa, "PS256").sign(), TOKEN_ENDPOINT)).isNotBlank();
    }

    @Test
    void replayedProofIsRejected() throws Exception {
        String proof = proof().sign();
        verifier.verify(proof, TOKEN_ENDPOINT);

        assertRejected(proof, "DPoP proof was already used");
    }

    @Test
    void wrongHtmIsRejected() throws Exception {
        assertRejected(proof().claim("htm", "GET").sign(), "DPoP proof htm does not match the request method");
    }

    @Test
    void wrongHtuIsRejected() throws Exception {
        assertRejected(proof().claim("htu", "https://as.example.com/other").sign(),
                "DPoP proof htu does not match the request URL");
        assertRejected(proof().claim("htu", "https://evil.example.com/oauth/token").sign(),
                "DPoP proof htu does not match the request URL");
    }

    @Test
    void htuIgnoresQueryFragmentDefaultPortAndCase() throws Exception {
        assertThat(verifier.verify(proof().claim("htu", "HTTPS://AS.example.com:443/oauth/token?x=1#f").sign(),
                TOKEN_ENDPOINT)).isNotBlank();
    }

    @Test
    void staleIatIsRejected() throws Exception {
        String proof = TestDPoPProofs.proof(key, HTU, clock.instant().minusSeconds(66)).sign();

        assertRejected(proof, "DPoP proof iat is outside the acceptable window");
    }

    @Test
    void iatTooFarInTheFutureIsRejected() throws Exception {
        String proof = TestDPoPProofs.proof(key, HTU, clock.instant().plusSeconds(6)).sign();

        assertRejected(proof, "DPoP proof iat is outside the acceptable window");
    }

    @Test
    void iatWithinLifetimePlusSkewIsAccepted() throws Exception {
        assertThat(verifier.verify(TestDPoPProofs.proof(key, HTU, clock.instant().minusSeconds(64)).sign(),
                TOKEN_ENDPOINT)).isNotBlank();
        assertThat(verifier.verify(TestDPoPProofs.proof(key, HTU, clock.instant().plusSeconds(5)).sign(),
                TOKEN_ENDPOINT)).isNotBlank();
    }

    @Test
    void typOtherThanDpopJwtIsRejected() throws Exception {
        assertRejected(proof().header("typ", "JWT").sign(), "DPoP proof typ must be dpop+jwt");
        assertRejected(proof().header("typ", null).sign(), "DPoP proof typ must be dpop+jwt");
    }

    @Test
    void privateKeyInJwkHeaderIsRejected() throws Exception {
        assertRejected(proof().header("jwk", key.toJSONObject()).sign(),
                "DPoP proof jwk must not contain private key members");
    }

    @Test
    void hmacAlgorithmIsRejected() throws Exception {
        String proof = proof().signedWith(new MACSigner(new byte[32]), JWSAlgorithm.HS256).sign();

        assertRejected(proof, "DPoP proof alg must be one of ES256, RS256, PS256");
    }

    @Test
    void proofWithAthIsRejectedAtTheTokenEndpoint() throws Exception {
        assertRejected(proof().claim("ath", "abc").sign(), "DPoP proof must not contain ath at the token endpoint");
    }

    @Test
    void resourceRequestRequiresMatchingAth() throws Exception {
        String token = "an-access-token";
        String ath = Base64URL.encode(MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.US_ASCII))).toString();
        DPoPCheck resource = DPoPCheck.resourceRequest("GET", "https://mcp.example.com/mcp", token,
                key.toPublicJWK().computeThumbprint().toString());

        assertThat(verifier.verify(proof().claim("htm", "GET").claim("htu", "https://mcp.example.com/mcp")
                .claim("ath", ath).sign(), resource)).isNotBlank();
        assertThatThrownBy(() -> verifier.verify(proof().claim("htm", "GET")
                .claim("htu", "https://mcp.example.com/mcp").sign(), resource))
                .hasMessage("DPoP proof ath does not match the access token");
    }

    @Test
    void resourceRequestRequiresTheKeyTheTokenIsBoundToAndLeavesTheReplayStoreUntouchedOtherwise() throws Exception {
        String token = "an-access-token";
        String ath = Base64URL.encode(MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.US_ASCII))).toString();
        DPoPCheck boundElsewhere = DPoPCheck.resourceRequest("GET", "https://mcp.example.com/mcp", token,
                TestDPoPProofs.ecKey().toPublicJWK().computeThumbprint().toString());
        String proof = proof().claim("htm", "GET").claim("htu", "https://mcp.example.com/mcp").claim("ath", ath).sign();

        assertThatThrownBy(() -> verifier.verify(proof, boundElsewhere))
                .hasMessage("DPoP proof key is not the key the access token is bound to");
        assertThat(replay.size()).isZero();
    }

    @Test
    void htuIsComparedAfterRfc3986NormalisationOfDotSegmentsAndPercentEscapes() throws Exception {
        DPoPCheck check = DPoPCheck.tokenEndpoint("POST", "https://AS.example.com:443/oauth/%7etoken");

        assertThat(verifier.verify(proof().claim("htu", "https://as.example.com/oauth/x/../%7Etoken").sign(), check))
                .isNotBlank();
    }

    @Test
    void signatureByAnotherKeyIsRejected() throws Exception {
        String proof = proof().header("jwk", TestDPoPProofs.ecKey().toPublicJWK().toJSONObject()).sign();

        assertRejected(proof, "DPoP proof signature is invalid");
    }

    @Test
    void missingJwkOrJtiIsRejected() throws Exception {
        assertRejected(proof().header("jwk", null).sign(), "DPoP proof has no jwk header");
        assertRejected(proof().claim("jti", null).sign(), "DPoP proof has no valid jti");
    }

    @Test
    void twoProofsOrGarbageAreNotASingleCompactJws() throws Exception {
        String one = proof().sign();
        assertRejected(one + ", " + proof().sign(), "DPoP proof is not a single compact JWS");
        assertRejected("not-a-jws", "DPoP proof is not a single compact JWS");
        assertRejected(one.substring(0, one.lastIndexOf('.') + 1), "DPoP proof is not a single compact JWS");
    }

    @Test
    void rejectedProofDoesNotConsumeItsJti() throws Exception {
        String bad = proof().claim("jti", "same-jti").claim("htm", "GET").sign();
        assertThatThrownBy(() -> verifier.verify(bad, TOKEN_ENDPOINT)).isInstanceOf(DPoPProofException.class);

        assertThat(verifier.verify(proof().claim("jti", "same-jti").sign(), TOKEN_ENDPOINT)).isNotBlank();
    }

    @Test
    void replayStoreKeyIsScopedToDpopAndKeepsTheEntryForTheProofLifetime() throws Exception {
        verifier.verify(proof().claim("jti", "j-1").sign(), TOKEN_ENDPOINT);

        assertThat(replay.markUsed("j-1", Instant.MAX)).isTrue();
        clock.advance(Duration.ofSeconds(64));
        assertThat(replay.purgeExpired(clock.instant())).isZero();
    }

    @Test
    void nonceModeAsksForANonceThenAcceptsIt() throws Exception {
        ServerNonces nonces = new ServerNonces() {
            @Override
            public boolean isValid(String nonce) {
                return "n-1".equals(nonce);
            }

            @Override
            public String current() {
                return "n-1";
            }
        };
        DPoPProofVerifier withNonces = DPoPProofVerifier.builder(replay, clock).nonces(nonces).build();

        assertThatThrownBy(() -> withNonces.verify(proof().sign(), TOKEN_ENDPOINT))
                .isInstanceOfSatisfying(DPoPProofException.class, e -> assertThat(e.freshNonce()).contains("n-1"));
        assertThat(withNonces.verify(proof().claim("nonce", "n-1").sign(), TOKEN_ENDPOINT)).isNotBlank();
        assertThatThrownBy(() -> withNonces.verify(proof().claim("nonce", "forged").sign(), TOKEN_ENDPOINT))
                .isInstanceOfSatisfying(DPoPProofException.class, e -> assertThat(e.freshNonce()).contains("n-1"));
    }

    private TestDPoPProofs.Proof proof() {
        return TestDPoPProofs.proof(key, HTU, clock.instant());
    }

    private void assertRejected(String proof, String description) {
        assertThatThrownBy(() -> verifier.verify(proof, TOKEN_ENDPOINT))
                .isInstanceOfSatisfying(DPoPProofException.class, e -> {
                    assertThat(e.freshNonce()).isEmpty();
                    assertThat(e.description()).isEqualTo(description);
                });
    }
}
