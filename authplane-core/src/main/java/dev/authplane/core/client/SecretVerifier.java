package dev.authplane.core.client;

/**
 * Strategy that checks a presented client secret against a stored hash. The seam where cost
 * control plugs in: a decorator may cache verified credentials or bound how many expensive checks
 * run at once, without {@link ClientAuthenticator} changing.
 *
 * <p>Contract: both methods cost about the same for any input, so that an unknown client cannot be
 * told apart from a known one by timing; neither logs or stores the presented secret; both are
 * thread-safe. Implementations never throw for a wrong or over-long secret, they return
 * {@code false}.
 */
public interface SecretVerifier {

    /** True when {@code presentedSecret} is the secret {@code storedHash} was made from. */
    boolean matches(String presentedSecret, String storedHash);

    /**
     * Does the work of {@link #matches(String, String)} against a hash that matches nothing, for a
     * client that does not exist; always answers {@code false}.
     */
    boolean matchesNothing(String presentedSecret);
}
