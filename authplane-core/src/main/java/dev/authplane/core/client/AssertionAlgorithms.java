package dev.authplane.core.client;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;

import java.util.List;

/**
 * The asymmetric JWS algorithms a client assertion may be signed with, and which registered key
 * can verify which: ECDSA on the NIST curves (ES256, ES384, ES512), RSASSA-PKCS1-v1_5 and RSASSA-PSS
 * (RS256..512, PS256..512). Never {@code none} and never HMAC: a shared key would put a secret back
 * on the server. Listed in the metadata as {@code token_endpoint_auth_signing_alg_values_supported}.
 */
public final class AssertionAlgorithms {

    /** The allowlist, in the order the metadata lists it. */
    public static final List<JWSAlgorithm> ALLOWED = List.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512, JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);

    /** The smallest RSA modulus accepted for a client key. */
    static final int MIN_RSA_BITS = 2048;

    private AssertionAlgorithms() {
    }

    /** The allowlist's names, e.g. {@code ES256}. */
    public static List<String> names() {
        return ALLOWED.stream().map(JWSAlgorithm::getName).toList();
    }

    /** Whether {@code alg} is on the allowlist. */
    static boolean isAllowed(JWSAlgorithm alg) {
        return alg != null && ALLOWED.contains(alg);
    }

    /**
     * Whether {@code key} can verify a signature made with {@code alg}: the key type and curve match,
     * and a key that names its own {@code alg} names this one.
     */
    static boolean fits(JWK key, JWSAlgorithm alg) {
        if (!isAllowed(alg) || (key.getAlgorithm() != null && !key.getAlgorithm().equals(alg))) {
            return false;
        }
        if (key instanceof ECKey ec) {
            return curveOf(alg) != null && curveOf(alg).equals(ec.getCurve());
        }
        return key instanceof RSAKey && JWSAlgorithm.Family.RSA.contains(alg);
    }

    /** The curve an ECDSA algorithm signs on, or {@code null} for a non-ECDSA one. */
    static Curve curveOf(JWSAlgorithm alg) {
        if (JWSAlgorithm.ES256.equals(alg)) {
            return Curve.P_256;
        }
        if (JWSAlgorithm.ES384.equals(alg)) {
            return Curve.P_384;
        }
        return JWSAlgorithm.ES512.equals(alg) ? Curve.P_521 : null;
    }
}
