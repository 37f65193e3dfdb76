package dev.authplane.examples.worker;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class DPoPProofsTest {

    private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");

    private final DPoPProofs proofs = new DPoPProofs(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void rfc9449ProofIsSignedByThePublicJwkInItsHeader() throws Exception {
        SignedJWT proof = SignedJWT.parse(proofs.proof("POST", URI.create("http://localhost:9000/oauth/token"), null, null));

        assertThat(proof.getHeader().getType().toString()).isEqualTo("dpop+jwt");
        assertThat(proof.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
        ECKey jwk = (ECKey) proof.getHeader().getJWK();
        assertThat(jwk.isPrivate()).isFalse();
        assertThat(proof.verify(new ECDSAVerifier(jwk))).isTrue();
        assertThat(jwk.computeThumbprint().toString()).isEqualTo(proofs.thumbprint());
    }

    @Test
    void tokenEndpointProofNamesMethodAndUrlAndCarriesNoAth() throws Exception {
        var claims = SignedJWT.parse(proofs.proof("POST", URI.create("http://localhost:9000/oauth/token"), null, null))
                .getJWTClaimsSet();

        assertThat(claims.getStringClaim("htm")).isEqualTo("POST");
        assertThat(claims.getStringClaim("htu")).isEqualTo("http://localhost:9000/oauth/token");
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(NOW);
        assertThat(claims.getJWTID()).hasSizeGreaterThanOrEqualTo(22);
        assertThat(claims.getClaim("ath")).isNull();
        assertThat(claims.getClaim("nonce")).isNull();
    }

    @Test
    void resourceProofHashesTheAccessTokenAndDropsQueryFromHtu() throws Exception {
        var claims = SignedJWT.parse(proofs.proof("GET", URI.create("http://localhost:8080/mcp?session=1#x"),
                "a.b.c", "n-1")).getJWTClaimsSet();

        byte[] hash = MessageDigest.getInstance("SHA-256").digest("a.b.c".getBytes(StandardCharsets.US_ASCII));
        assertThat(claims.getStringClaim("ath")).isEqualTo(Base64URL.encode(hash).toString());
        assertThat(claims.getStringClaim("htu")).isEqualTo("http://localhost:8080/mcp");
        assertThat(claims.getStringClaim("nonce")).isEqualTo("n-1");
    }

    @Test
    void everyProofHasItsOwnJti() throws Exception {
        URI uri = URI.create("http://localhost:8080/mcp");

        String first = SignedJWT.parse(proofs.proof("POST", uri, "t", null)).getJWTClaimsSet().getJWTID();
        String second = SignedJWT.parse(proofs.proof("POST", uri, "t", null)).getJWTClaimsSet().getJWTID();

        assertThat(first).isNotEqualTo(second);
    }
}
