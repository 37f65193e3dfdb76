package dev.authplane.core.client;

/**
 * Strategy that checks a presented client secret against a stored hash (bcrypt in
 * {@link ClientSecretHasher}). Cost control lives around it, in {@link ClientAuthenticator}: the
 * verified-credential cache, failure throttling and the bound on concurrent checks, so an
 * implementation only checks.
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
