package dev.authplane.core.config;

import dev.authplane.dpop.DPoPProofVerifier;

import java.time.Duration;
import java.util.Objects;

/**
 * DPoP (RFC 9449) at the token endpoint.
 *
 * @param enabled       accept DPoP proofs; requests without one still get Bearer tokens
 * @param proofLifetime how far a proof's {@code iat} may lie in the past
 * @param requireNonce  hand out and require server nonces
 */
public record DPoPSettings(boolean enabled, Duration proofLifetime, boolean requireNonce) {

    public DPoPSettings {
        Objects.requireNonNull(proofLifetime, "proofLifetime");
    }

    /** The defaults: on, {@link DPoPProofVerifier#DEFAULT_PROOF_LIFETIME}, no nonces. */
    public static DPoPSettings defaults() {
        return new DPoPSettings(true, DPoPProofVerifier.DEFAULT_PROOF_LIFETIME, false);
    }
}
