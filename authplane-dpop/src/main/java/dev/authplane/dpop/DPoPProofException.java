package dev.authplane.dpop;

import java.util.Optional;

/**
 * The proof was checked and rejected (RFC 9449 §4.3): the caller answers {@code invalid_dpop_proof},
 * or, when {@link #freshNonce()} is present, {@code use_dpop_nonce} with that nonce (RFC 9449 §8).
 * The description is a fixed text that names the failed rule and never contains the proof.
 */
public final class DPoPProofException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Which kind of rule a proof broke: a low-cardinality category for metrics and alerts. */
    public enum Reason {
        /** Not a well-formed proof: JWS shape, {@code typ}, {@code alg}, {@code jwk}, or a required claim. */
        MALFORMED,
        /** The signature does not verify with the proof's own key. */
        BAD_SIGNATURE,
        /** {@code htm}, {@code htu}, {@code ath} or the bound key differ from the request. */
        MISMATCH,
        /** {@code iat} outside the accepted window. */
        STALE,
        /** The proof's {@code jti} was seen before. */
        REPLAYED,
        /** A current server nonce is required and was missing or stale. */
        NONCE;

        /** The lower-case tag value, e.g. {@code bad_signature}. */
        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final transient String freshNonce;
    private final Reason reason;

    private DPoPProofException(Reason reason, String description, String freshNonce) {
        super(description, null, false, false);
        this.reason = reason;
        this.freshNonce = freshNonce;
    }

    static DPoPProofException invalid(Reason reason, String description) {
        return new DPoPProofException(reason, description, null);
    }

    static DPoPProofException nonceRequired(String freshNonce) {
        return new DPoPProofException(Reason.NONCE, "DPoP proof must carry a current server nonce", freshNonce);
    }

    /** The category of the broken rule. */
    public Reason reason() {
        return reason;
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
