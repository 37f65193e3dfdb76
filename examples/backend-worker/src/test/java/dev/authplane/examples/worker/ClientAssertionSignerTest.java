package dev.authplane.examples.worker;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.authplane.testsupport.ClientAssertionBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The worker's client assertions, from a private JWK or a PKCS#8 PEM, verify with the registered public key. */
class ClientAssertionSignerTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void aJwkKeySignsAnAssertionWithItsKidForTheIssuer() throws Exception {
        ECKey key = ClientAssertionBuilder.newEcKey("agent-key-1");
        Path file = Files.writeString(dir.resolve("key.jwk"), key.toJSONString());

        SignedJWT jwt = SignedJWT.parse(new ClientAssertionSigner("cid", ClientAssertionSigner.readKey(file, null),
                "https://as.example.com", CLOCK).sign());

        assertThat(jwt.verify(new ECDSAVerifier(key.toPublicJWK()))).isTrue();
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("agent-key-1");
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("client-authentication+jwt");
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("cid");
        assertThat(claims.getSubject()).isEqualTo("cid");
        assertThat(claims.getAudience()).containsExactly("https://as.example.com");
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(NOW.plus(ClientAssertionSigner.LIFETIME));
        assertThat(claims.getJWTID()).isNotBlank();
    }

    @Test
    void aPkcs8PemKeyNeedsAKeyIdAndSignsWithIt() throws Exception {
        RSAKey key = ClientAssertionBuilder.newRsaKey(null);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.toPrivateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Path file = Files.writeString(dir.resolve("key.pem"), pem);

        assertThatThrownBy(() -> ClientAssertionSigner.readKey(file, null)).hasMessageContaining("--key-id");
        SignedJWT jwt = SignedJWT.parse(new ClientAssertionSigner("cid", ClientAssertionSigner.readKey(file, "rsa-1"),
                "https://as.example.com", CLOCK).sign());
        assertThat(jwt.verify(new RSASSAVerifier(key.toRSAPublicKey()))).isTrue();
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("rsa-1");
    }

    @Test
    void aPublicKeyOrGarbageIsRefusedWithOneLine() throws Exception {
        Path pub = Files.writeString(dir.resolve("pub.jwk"), ClientAssertionBuilder.newEcKey("k").toPublicJWK().toJSONString());
        assertThatThrownBy(() -> ClientAssertionSigner.readKey(pub, null)).hasMessageContaining("public key");
        Path junk = Files.writeString(dir.resolve("junk"), "hello");
        assertThatThrownBy(() -> ClientAssertionSigner.readKey(junk, "k")).hasMessageContaining("neither a private JWK");
    }
}
