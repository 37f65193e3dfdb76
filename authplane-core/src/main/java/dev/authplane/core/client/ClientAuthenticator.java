package dev.authplane.core.client;

import dev.authplane.core.token.ClientSecretCredentials;
import dev.authplane.core.token.OAuthError;
import dev.authplane.core.token.OAuthException;

import java.util.Objects;
import java.util.Optional;

/**
 * Authenticates the client of a token request (SPEC §2 step 3).
 *
 * <p>An unknown client, a wrong secret, a method other than the registered one and a disabled
 * client all fail with the same {@code invalid_client} description, {@value #FAILED}. The order of
 * work hides which one it was: the secret is always verified first (against a dummy hash for an
 * unknown client, see {@link SecretVerifier#matchesNothing(String)}), and the method and the status
 * are looked at only afterwards, so neither timing nor text tells them apart.
 *
 * <p>The client is read from the repository on every call, so disabling a client or rotating its
 * secret takes effect for the next request. Cost control plugs in around this class: a caching or
 * pool-bounded {@link SecretVerifier} decorator, and throttling in front of
 * {@link #authenticate(ClientSecretCredentials)}. Thread-safe.
 */
public final class ClientAuthenticator {

    /** The one description every authentication failure carries. */
    public static final String FAILED = "Client authentication failed";

    /** The description when no credentials were presented at all. */
    public static final String MISSING = "Client authentication is required";

    private final ClientRepository clients;
    private final SecretVerifier verifier;

    /**
     * @param clients  where clients are looked up
     * @param verifier checks presented secrets, e.g. a {@link ClientSecretHasher}
     */
    public ClientAuthenticator(ClientRepository clients, SecretVerifier verifier) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /**
     * @param credentials the presented credentials, or {@code null} when none were presented
     * @return the authenticated, active client
     * @throws OAuthException {@code invalid_client} on any failure
     * @throws dev.authplane.core.storage.StorageException when the client store fails
     */
    public Client authenticate(ClientSecretCredentials credentials) {
        if (credentials == null) {
            throw new OAuthException(OAuthError.INVALID_CLIENT, MISSING);
        }
        Optional<Client> found = credentials.clientId().isEmpty()
                ? Optional.empty() : clients.findByClientId(credentials.clientId());
        boolean secretOk = found.isPresent()
                ? verifier.matches(credentials.clientSecret(), found.get().secretHash())
                : verifier.matchesNothing(credentials.clientSecret());
        if (!secretOk) {
            throw failed();
        }
        Client client = found.get();
        if (client.authMethod() != credentials.method() || !client.isActive()) {
            throw failed();
        }
        return client;
    }

    private static OAuthException failed() {
        return new OAuthException(OAuthError.INVALID_CLIENT, FAILED);
    }
}
