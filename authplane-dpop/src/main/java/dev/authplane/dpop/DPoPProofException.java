package dev.authplane.dpop;

import java.util.Optional;

/**
 * The proof was checked and rejected (RFC 9449 §4.3): the caller answers {@code invalid_dpop_proof},
 * or, when {@link #freshNonce()} is present, {@code use_dpop_nonce} with that nonce (RFC 9449 §8).
 * The description is a fixed text that names the failed rule and never contains the proof.
 */
public final class DPoPProofException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient String freshNonce;

    private DPoPProofException(String description, String freshNonce) {
        super(description, null, false, false);
        this.freshNonce = freshNonce;
    }

    static DPoPProofException invalid(String description) {
        return new DPoPProofException(description, null);
    }

    static DPoPProofException nonceRequired(String freshNonce) {
        return new DPoPProofException("DPoP proof must carry a current server nonce", freshNonce);
    }

    /** The fixed text naming the rule the proof broke. */
    public String description() {
        return getMessage();
    }

    /** The nonce to send with {@code use_dpop_nonce}, when a missing or stale nonce was the reason. */
    public Optional<String> freshNonce() {
        return Optional.ofNullable(freshNonce);
    }
}
