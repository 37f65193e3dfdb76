package dev.authplane.core.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.util.Objects;

/**
 * The key that signs new tokens, with its signer built once and reused for every token. Handed
 * out by {@link KeyManager#activeKey()}; hold it only for one signing operation, since a rotation
 * replaces it. It signs ({@link #sign}) but never hands out its signer or key material;
 * {@link #toString()} shows neither. Thread-safe.
 */
public final class ActiveKey {

    private final String kid;
    private final JWSAlgorithm algorithm;
    private final JWSSigner signer;

    ActiveKey(String kid, JWSAlgorithm algorithm, JWSSigner signer) {
        this.kid = Objects.requireNonNull(kid, "kid");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.signer = Objects.requireNonNull(signer, "signer");
    }

    /** The key id to put in the JWS {@code kid} header. */
    public String kid() {
        return kid;
    }

    /** The JWS algorithm to put in the {@code alg} header. */
    public JWSAlgorithm algorithm() {
        return algorithm;
    }

    /**
     * Signs {@code claims} under {@code header} (whose {@code alg} and {@code kid} must be this key's).
     *
     * @return the compact JWS
     * @throws IllegalArgumentException when the header names another key or algorithm
     * @throws IllegalStateException    when the signature cannot be computed
     */
    public String sign(JWSHeader header, JWTClaimsSet claims) {
        if (!algorithm.equals(header.getAlgorithm()) || !kid.equals(header.getKeyID())) {
            throw new IllegalArgumentException("the header must name this key's alg and kid");
        }
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing with key " + kid + " failed", e);
        }
        return jwt.serialize();
    }

    @Override
    public String toString() {
        return "ActiveKey[kid=" + kid + ", alg=" + algorithm + "]";
    }
}
