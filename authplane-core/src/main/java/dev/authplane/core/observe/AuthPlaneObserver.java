package dev.authplane.core.observe;

import dev.authplane.core.error.OAuthError;
import dev.authplane.dpop.DPoPProofException;

/**
 * Called by the services at each outcome, for metrics or tracing. Every method has an empty default,
 * so a binding overrides what it records; {@link #NONE} records nothing. The arguments are values the
 * services hold anyway (enums, strings, primitives), so an observer that does nothing costs no
 * allocation on the token path.
 *
 * <p>Implementations must be thread-safe, fast and must not throw: they run on the request thread,
 * inside the token path. A {@code clientId} argument is given for bindings that opt into it; it has
 * unbounded cardinality and must not become a metric tag by default.
 */
public interface AuthPlaneObserver {

    /** The observer that records nothing. */
    AuthPlaneObserver NONE = new AuthPlaneObserver() {
    };

    /**
     * Called once, when the {@code AuthPlane} is built, with the state gauges may sample.
     */
    default void bind(AuthPlaneGauges gauges) {
    }

    /**
     * A token was issued; its issuance row is durable.
     *
     * @param grantType    e.g. {@code client_credentials}
     * @param authMethod   how the client authenticated, e.g. {@code private_key_jwt}
     * @param tokenType    {@code Bearer} or {@code DPoP}
     * @param resourceSlug the audience resource's slug, or {@code null} when the issuer was the audience
     * @param elapsedNanos from the request's arrival in core to the response
     */
    default void tokenIssued(String grantType, String authMethod, String tokenType, String resourceSlug,
                             String clientId, long elapsedNanos) {
    }

    /**
     * A token request was refused with {@code error}.
     *
     * @param grantType {@code client_credentials}, or {@code null} when the request named no grant or
     *                  an unsupported one (a value a caller chose must not become a metric tag)
     * @param clientId  the authenticated client, or {@code null} when authentication did not succeed
     */
    default void tokenRefused(String grantType, OAuthError error, String clientId, long elapsedNanos) {
    }

    /**
     * A client authentication failed for {@code reason}; {@code authMethod} is the presented method
     * (e.g. {@code client_secret_basic}), or {@code null} when none was presented.
     */
    default void clientAuthenticationFailed(String authMethod, AuthFailureReason reason) {
    }

    /** A verified-secret cache lookup, {@code hit} when no bcrypt check was needed. */
    default void secretCacheLookup(boolean hit) {
    }

    /**
     * A bcrypt check ran.
     *
     * @param waitNanos  how long it waited for a slot
     * @param checkNanos how long the check itself took
     */
    default void secretChecked(long waitNanos, long checkNanos) {
    }

    /** A DPoP proof at the token endpoint was rejected. */
    default void dpopProofRejected(DPoPProofException.Reason reason) {
    }

    /**
     * A token's issuance row was written (or its write failed and the token was not released):
     * {@code elapsedNanos} is how long the request waited for it, any group-commit queueing included.
     */
    default void issuanceWritten(long elapsedNanos, boolean succeeded) {
    }

    /**
     * A group commit ended: {@code rows} rows in one transaction. Not called when group commit is
     * off ({@code storage.group_commit_max_batch=1}).
     *
     * @param succeeded false when the commit failed and every request of the batch was refused
     */
    default void issuanceBatchCommitted(int rows, long elapsedNanos, boolean succeeded) {
    }

    /** A change to the signing keys. */
    default void keyEvent(KeyEvent event) {
    }

    /**
     * An administrative change was made and recorded in the admin audit trail.
     *
     * @param action what was done, e.g. {@code client.secret_rotated} (see
     *               {@code dev.authplane.core.audit.AdminAction})
     */
    default void adminChanged(String action) {
    }
}
