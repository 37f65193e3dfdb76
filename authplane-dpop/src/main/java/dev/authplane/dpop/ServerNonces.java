package dev.authplane.dpop;

/**
 * Server-provided DPoP nonces (RFC 9449 §8), when a server requires them. Implementations are
 * thread-safe and cheap: both methods run for every proof.
 */
public interface ServerNonces {

    /** Whether {@code nonce} from a proof is one this server issued and still accepts. */
    boolean isValid(String nonce);

    /** The nonce to hand out now ({@code DPoP-Nonce} header). */
    String current();
}
