package dev.authplane.core.client;

import dev.authplane.core.error.OAuthError;
import dev.authplane.core.error.OAuthException;
import dev.authplane.core.support.SecureRandomIdGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCrypt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Issue 7: after one bcrypt check, repeat authentications cost an HMAC, bound to the stored hash. */
class VerifiedSecretCacheTest {

    private final InMemoryClientRepository clients = new InMemoryClientRepository();
    private final CountingSecretVerifier verifier = new CountingSecretVerifier();
    private final ClientAuthenticator authenticator = ClientAuthenticator.builder(clients, verifier)
            .verifiedSecretCache(2, new SecureRandomIdGenerator()).build();
    private final Client client = TestClients.client().build();

    VerifiedSecretCacheTest() {
        clients.insert(client);
    }

    @Test
    void repeatAuthenticationWithTheSameSecretRunsBcryptOnlyOnce() {
        for (int i = 0; i < 5; i++) {
            assertThat(authenticator.authenticate(post(client, TestClients.SECRET))).isEqualTo(client);
        }

        assertThat(verifier.realChecks.get()).isEqualTo(1);
        assertThat(authenticator.verifiedSecretsCached()).isEqualTo(1);
    }

    @Test
    void rotatedSecretRejectedImmediatelyAlthoughTheOldSecretWasCached() {
        authenticator.authenticate(post(client, TestClients.SECRET));
        String newSecret = "rotated-secret-0123456789abcdefghijklmnopqrstuv";
        clients.update(client.toBuilder().secretHash(BCrypt.hashpw(newSecret, BCrypt.gensalt(4))).build());

        assertThat(failure(post(client, TestClients.SECRET)).error()).isEqualTo(OAuthError.INVALID_CLIENT);
        assertThat(verifier.realChecks.get()).isEqualTo(2);
        assertThat(authenticator.authenticate(post(client, newSecret)).clientId()).isEqualTo(client.clientId());
    }

    @Test
    void disabledClientRejectedImmediatelyDespiteTheCache() {
        authenticator.authenticate(post(client, TestClients.SECRET));
        clients.update(client.toBuilder().status(ClientStatus.DISABLED).build());

        OAuthException e = failure(post(client, TestClients.SECRET));

        assertThat(e.error()).isEqualTo(OAuthError.INVALID_CLIENT);
        assertThat(e.description()).isEqualTo(ClientAuthenticator.FAILED);
    }

    @Test
    void wrongSecretAfterACachedRightOneStillRunsBcryptFailsAndLeavesTheCacheUnchanged() {
        authenticator.authenticate(post(client, TestClients.SECRET));
        int checksBefore = verifier.realChecks.get();

        assertThat(failure(post(client, "wrong-secret")).description()).isEqualTo(ClientAuthenticator.FAILED);

        assertThat(verifier.realChecks.get()).isEqualTo(checksBefore + 1);
        assertThat(authenticator.verifiedSecretsCached()).isEqualTo(1);
        authenticator.authenticate(post(client, TestClients.SECRET));
        assertThat(verifier.realChecks.get()).isEqualTo(checksBefore + 1);
    }

    @Test
    void failedAttemptsNeverCreateAnEntryEvenWithTheRightSecret() {
        failure(post(client, "wrong-secret"));
        Client basicOnly = TestClients.client().authMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).build();
        clients.insert(basicOnly);
        failure(post(basicOnly, TestClients.SECRET));
        Client disabled = TestClients.client().status(ClientStatus.DISABLED).build();
        clients.insert(disabled);
        failure(post(disabled, TestClients.SECRET));

        assertThat(authenticator.verifiedSecretsCached()).isZero();
    }

    @Test
    void cacheIsBoundedAndEvictsTheLeastRecentlyUsedClient() {
        Client second = TestClients.client().build();
        Client third = TestClients.client().build();
        clients.insert(second);
        clients.insert(third);

        authenticator.authenticate(post(client, TestClients.SECRET));
        authenticator.authenticate(post(second, TestClients.SECRET));
        authenticator.authenticate(post(third, TestClients.SECRET));
        assertThat(authenticator.verifiedSecretsCached()).isEqualTo(2);
        assertThat(verifier.realChecks.get()).isEqualTo(3);

        authenticator.authenticate(post(third, TestClients.SECRET));
        assertThat(verifier.realChecks.get()).isEqualTo(3);
        authenticator.authenticate(post(client, TestClients.SECRET));
        assertThat(verifier.realChecks.get()).isEqualTo(4);
        assertThat(authenticator.verifiedSecretsCached()).isEqualTo(2);
    }

    @Test
    void unknownClientAndWrongSecretProduceIdenticalErrorsEachCostingOneBcryptAndNeitherIsCached() {
        authenticator.authenticate(post(client, TestClients.SECRET));
        int realBefore = verifier.realChecks.get();

        OAuthException unknown = failure(new ClientSecretCredentials("no-such-client", TestClients.SECRET,
                ClientAuthMethod.CLIENT_SECRET_POST));
        OAuthException wrong = failure(post(client, "wrong-secret"));

        assertThat(unknown.error()).isEqualTo(wrong.error()).isEqualTo(OAuthError.INVALID_CLIENT);
        assertThat(unknown.description()).isEqualTo(wrong.description());
        assertThat(unknown.retryAfter()).isEmpty();
        assertThat(wrong.retryAfter()).isEmpty();
        assertThat(verifier.dummyChecks.get()).isEqualTo(1);
        assertThat(verifier.realChecks.get()).isEqualTo(realBefore + 1);
        assertThat(authenticator.verifiedSecretsCached()).isEqualTo(1);
    }

    @Test
    void withoutACacheEveryAuthenticationRunsBcrypt() {
        ClientAuthenticator uncached = new ClientAuthenticator(clients, verifier);

        uncached.authenticate(post(client, TestClients.SECRET));
        uncached.authenticate(post(client, TestClients.SECRET));

        assertThat(verifier.realChecks.get()).isEqualTo(2);
        assertThat(uncached.verifiedSecretsCached()).isZero();
    }

    @Test
    void tagBindsClientIdStoredHashAndSecretWithoutAmbiguity() {
        VerifiedSecretCache cache = new VerifiedSecretCache(10, new SecureRandomIdGenerator());
        byte[] tag = cache.tag("client", "hash", "secret");

        assertThat(cache.tag("client", "hash", "secret")).isEqualTo(tag);
        assertThat(cache.tag("other", "hash", "secret")).isNotEqualTo(tag);
        assertThat(cache.tag("client", "hash2", "secret")).isNotEqualTo(tag);
        assertThat(cache.tag("client", "hash", "secret2")).isNotEqualTo(tag);
        assertThat(cache.tag("clienth", "ash", "secret")).isNotEqualTo(tag);
        assertThat(new VerifiedSecretCache(10, new SecureRandomIdGenerator()).tag("client", "hash", "secret"))
                .as("each process draws its own key").isNotEqualTo(tag);
    }

    private static ClientSecretCredentials post(Client c, String secret) {
        return new ClientSecretCredentials(c.clientId(), secret, ClientAuthMethod.CLIENT_SECRET_POST);
    }

    private OAuthException failure(ClientSecretCredentials credentials) {
        Throwable thrown = catchThrowable(() -> authenticator.authenticate(credentials));
        assertThat(thrown).isInstanceOf(OAuthException.class);
        return (OAuthException) thrown;
    }
}
