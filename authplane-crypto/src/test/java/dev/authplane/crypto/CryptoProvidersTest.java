package dev.authplane.crypto;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.SignatureSpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The provider choice: {@code auto} takes Conscrypt where it loads (this platform, and CI's), its
 * signatures interoperate with the JDK's both ways for ES256 and RS256, and every way the native
 * provider can fail falls back to the JDK with {@code auto} and fails a named choice.
 */
class CryptoProvidersTest {

    @Test
    void autoTakesConscryptWhereItLoadsAndJdkTakesTheJdk() {
        CryptoProviders.Choice auto = CryptoProviders.choose("auto", "signing.crypto_provider");
        CryptoProviders.Choice jdk = CryptoProviders.choose("JDK", "signing.crypto_provider");

        if (org.conscrypt.Conscrypt.isAvailable()) {
            assertThat(auto.isNative()).isTrue();
            assertThat(auto.provider().getName()).isEqualTo("Conscrypt");
            assertThat(auto.description()).startsWith("Conscrypt 2.5").contains("self-checked");
        } else {
            assertThat(auto.isNative()).as("no native library for this platform: the JDK").isFalse();
        }
        assertThat(jdk.provider()).isNull();
        assertThat(jdk.description()).contains("the JDK's providers");
    }

    @Test
    void tokensSignedNativelyVerifyWithTheJdkAndTheOtherWayRound() throws Exception {
        Provider conscrypt = CryptoProviders.conscrypt();
        org.junit.jupiter.api.Assumptions.assumeTrue(conscrypt != null && org.conscrypt.Conscrypt.isAvailable(),
                "Conscrypt does not load on this platform");
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec").generate();
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa").generate();
        for (JWSAlgorithm alg : new JWSAlgorithm[] {JWSAlgorithm.ES256, JWSAlgorithm.RS256}) {
            JWSSigner nativeSigner = alg == JWSAlgorithm.ES256 ? new ECDSASigner(ec) : new RSASSASigner(rsa);
            JWSVerifier nativeVerifier = alg == JWSAlgorithm.ES256 ? new ECDSAVerifier(ec) : new RSASSAVerifier(rsa);
            nativeSigner.getJCAContext().setProvider(conscrypt);
            nativeVerifier.getJCAContext().setProvider(conscrypt);
            JWSSigner jdkSigner = alg == JWSAlgorithm.ES256 ? new ECDSASigner(ec) : new RSASSASigner(rsa);
            JWSVerifier jdkVerifier = alg == JWSAlgorithm.ES256 ? new ECDSAVerifier(ec) : new RSASSAVerifier(rsa);

            SignedJWT byNative = token(alg, nativeSigner);
            SignedJWT byJdk = token(alg, jdkSigner);

            assertThat(SignedJWT.parse(byNative.serialize()).verify(jdkVerifier)).as(alg + " native -> JDK").isTrue();
            assertThat(SignedJWT.parse(byJdk.serialize()).verify(nativeVerifier)).as(alg + " JDK -> native").isTrue();
            String[] parts = byJdk.serialize().split("\\.");
            String otherPayload = token(alg, jdkSigner).serialize().split("\\.")[1];
            assertThat(SignedJWT.parse(parts[0] + "." + otherPayload + "." + parts[2]).verify(nativeVerifier))
                    .as(alg + ": a signature over other claims is refused natively").isFalse();
        }
    }

    @Test
    void autoFallsBackToTheJdkWhenTheNativeProviderIsMissingDoesNotLoadOrIsBroken() {
        assertThat(CryptoProviders.auto(() -> null).isNative()).isFalse();
        assertThat(CryptoProviders.auto(() -> {
            throw new UnsatisfiedLinkError("no libconscrypt_openjdk_jni for this platform");
        }).isNative()).isFalse();
        assertThat(CryptoProviders.auto(BrokenProvider::new).isNative()).isFalse();
        assertThat(SelfCheck.problem(new BrokenProvider())).isNotNull();
        assertThat(SelfCheck.problem(Security.getProvider("SunRsaSign"))).as("no ECDSA: refused").isNotNull();
    }

    @Test
    void aNamedProviderThatIsMissingOrBrokenIsAOneLineError() {
        assertThatThrownBy(() -> CryptoProviders.choose("NoSuchProvider", "signing.crypto_provider"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("signing.crypto_provider: no JCA provider named 'NoSuchProvider' is installed"
                        + " (use auto, jdk, or an installed provider's name)");
        Security.addProvider(new BrokenProvider());
        try {
            assertThatThrownBy(() -> CryptoProviders.choose("AuthPlaneBroken", "signing.crypto_provider"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("signing.crypto_provider: provider AuthPlaneBroken failed its self-check (");
        } finally {
            Security.removeProvider("AuthPlaneBroken");
        }
    }

    private static SignedJWT token(JWSAlgorithm alg, JWSSigner signer) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID("k").build(),
                new JWTClaimsSet.Builder().issuer("https://as.example").jwtID(java.util.UUID.randomUUID().toString())
                        .build());
        jwt.sign(signer);
        return jwt;
    }

    /** A provider whose signatures are all zeros and whose verification accepts anything. */
    static final class BrokenProvider extends Provider {
        private static final long serialVersionUID = 1L;

        BrokenProvider() {
            super("AuthPlaneBroken", "1.0", "signs zeros, accepts everything");
            put("Signature.SHA256withECDSA", AcceptsAnything.class.getName());
            put("Signature.SHA256withRSA", AcceptsAnything.class.getName());
        }
    }

    public static final class AcceptsAnything extends SignatureSpi {
        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
        }

        @Override
        protected void engineUpdate(byte b) {
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) {
        }

        @Override
        protected byte[] engineSign() {
            return new byte[72];
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) {
            return true;
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            return null;
        }
    }
}
