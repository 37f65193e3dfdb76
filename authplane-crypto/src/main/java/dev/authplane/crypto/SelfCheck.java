package dev.authplane.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;

import java.security.Provider;
import java.text.ParseException;

/**
 * What a provider must do before it may sign or verify: for ES256 and RS256, what it signs
 * verifies with the JDK, what the JDK signs verifies with it, and a signature with one byte
 * changed fails with it. The keys are fresh (made by the JDK) and the payload fixed.
 */
final class SelfCheck {

    private static final Payload PAYLOAD = new Payload("{\"iss\":\"https://self-check.authplane.invalid\"}");

    private SelfCheck() {
    }

    /** Why {@code provider} may not be used, or {@code null} when it passes. */
    static String problem(Provider provider) {
        try {
            ECKey ec = new ECKeyGenerator(Curve.P_256).generate();
            RSAKey rsa = new RSAKeyGenerator(2048).generate();
            String es256 = roundTrip(JWSAlgorithm.ES256, new ECDSASigner(ec), new ECDSAVerifier(ec.toPublicJWK()),
                    new ECDSASigner(ec), new ECDSAVerifier(ec.toPublicJWK()), provider);
            return es256 != null ? es256 : roundTrip(JWSAlgorithm.RS256, new RSASSASigner(rsa),
                    new RSASSAVerifier(rsa.toPublicJWK()), new RSASSASigner(rsa), new RSASSAVerifier(rsa.toPublicJWK()),
                    provider);
        } catch (JOSEException | RuntimeException | LinkageError e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
    }

    /** The JDK-side signer and verifier first, then two of the same kind that {@code provider} computes. */
    private static String roundTrip(JWSAlgorithm alg, JWSSigner jdkSigner, JWSVerifier jdkVerifier,
                                    JWSSigner nativeSigner, JWSVerifier nativeVerifier, Provider provider)
            throws JOSEException {
        nativeSigner.getJCAContext().setProvider(provider);
        nativeVerifier.getJCAContext().setProvider(provider);
        JWSObject signedNatively = signed(alg, nativeSigner);
        if (!signedNatively.verify(jdkVerifier)) {
            return "the JDK does not verify its " + alg + " signature";
        }
        JWSObject signedByJdk = signed(alg, jdkSigner);
        if (!signedByJdk.verify(nativeVerifier)) {
            return "it does not verify the JDK's " + alg + " signature";
        }
        byte[] tampered = signedByJdk.getSignature().decode();
        tampered[tampered.length / 2] ^= 1;
        JWSObject forged;
        try {
            forged = new JWSObject(signedByJdk.getHeader().toBase64URL(), PAYLOAD.toBase64URL(),
                    Base64URL.encode(tampered));
        } catch (ParseException e) {
            throw new IllegalStateException("a JWS made here could not be parsed back", e);
        }
        return forged.verify(nativeVerifier) ? "it accepts a tampered " + alg + " signature" : null;
    }

    private static JWSObject signed(JWSAlgorithm alg, JWSSigner signer) throws JOSEException {
        JWSObject object = new JWSObject(new JWSHeader(alg), PAYLOAD);
        object.sign(signer);
        return object;
    }
}
