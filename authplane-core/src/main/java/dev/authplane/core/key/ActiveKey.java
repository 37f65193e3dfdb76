package dev.authplane.core.key;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;

import java.util.Objects;

/**
 * The key that signs new tokens, with its signer built once and reused for every token. Handed
 * out by {@link KeyManager#activeKey()}; hold it only for one signing operation, since a rotation
 * replaces it. The signer is thread-safe. {@link #toString()} shows no key material.
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

    /** The signer for this key. */
    public JWSSigner signer() {
        return signer;
    }

    @Override
    public String toString() {
        return "ActiveKey[kid=" + kid + ", alg=" + algorithm + "]";
    }
}
