package dev.authplane.core.client;

import dev.authplane.core.error.OAuthError;
import dev.authplane.core.error.OAuthException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** token step 3 (authplane-core README): one error for every authentication failure, no oracle by text or by work done. */
class ClientAuthenticatorTest {

    private final InMemoryClientRepository clients = new InMemoryClientRepository();
    private final CountingSecretVerifier verifier = new CountingSecretVerifier();
    private final ClientAuthenticator authenticator = new ClientAuthenticator(clients, verifier);
    private final Client client = TestClients.client().build();

    ClientAuthenticatorTest() {
        clients.insert(client);
    }

    @Test
    void correctSecretWithRegisteredMethodAuthenticates() {
        assertThat(authenticator.authenticate(post(client.clientId(), TestClients.SECRET))).isEqualTo(client);
    }

    @Test
    void unknownClientAndWrongSecretGiveIdenticalErrorAndDescription() {
        OAuthException unknown = failure(post("no-such-client", TestClients.SECRET));
        OAuthException wrongSecret = failure(post(client.clientId(), "wrong-secret"));

        assertThat(unknown.error()).isEqualTo(OAuthError.INVALID_CLIENT).isEqualTo(wrongSecret.error());
        assertThat(unknown.description()).isEqualTo(wrongSecret.description()).isEqualTo(ClientAuthenticator.FAILED);
    }

    @Test
    void unknownClientStillRunsOneBcryptCheckAgainstADummyHash() {
        failure(post("no-such-client", TestClients.SECRET));

        assertThat(verifier.dummyChecks.get()).isEqualTo(1);
        assertThat(verifier.realChecks.get()).isZero();
    }

    @Test
    void clientSecretPostClientAlsoAuthenticatesWithBasicAsOAuth21Requires() {
        var basic = new ClientSecretCredentials(client.clientId(), TestClients.SECRET, ClientAuthMethod.CLIENT_SECRET_BASIC);

        assertThat(authenticator.authenticate(basic)).isEqualTo(client);
    }

    @Test
    void clientSecretBasicClientWithBodyCredentialsFailsWithTheSameDescriptionAfterTheSecretCheck() {
        Client basicClient = TestClients.client().authMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).build();
        clients.insert(basicClient);
        var basic = new ClientSecretCredentials(basicClient.clientId(), TestClients.SECRET, ClientAuthMethod.CLIENT_SECRET_BASIC);

        assertThat(failure(post(basicClient.clientId(), TestClients.SECRET)).description()).isEqualTo(ClientAuthenticator.FAILED);
        assertThat(verifier.realChecks.get()).isEqualTo(1);
        assertThat(authenticator.authenticate(basic)).isEqualTo(basicClient);
    }

    @Test
    void disabledClientFailsWithTheSameDescriptionAndItsStatusIsCheckedAfterTheSecret() {
        clients.update(client.toBuilder().status(ClientStatus.DISABLED).build());

        assertThat(failure(post(client.clientId(), TestClients.SECRET)).description()).isEqualTo(ClientAuthenticator.FAILED);
        assertThat(failure(post(client.clientId(), "wrong")).description()).isEqualTo(ClientAuthenticator.FAILED);
        assertThat(verifier.realChecks.get()).isEqualTo(2);
    }

    @Test
    void missingCredentialsIsInvalidClient() {
        assertThat(failure(null).error()).isEqualTo(OAuthError.INVALID_CLIENT);
    }

    @Test
    void overlongSecretIsRefusedLikeAnyWrongSecret() {
        assertThat(failure(post(client.clientId(), "x".repeat(100))).description()).isEqualTo(ClientAuthenticator.FAILED);
    }

    private static ClientSecretCredentials post(String clientId, String secret) {
        return new ClientSecretCredentials(clientId, secret, ClientAuthMethod.CLIENT_SECRET_POST);
    }

    private OAuthException failure(ClientSecretCredentials credentials) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> authenticator.authenticate(credentials));
        assertThat(thrown).isInstanceOf(OAuthException.class);
        return (OAuthException) thrown;
    }
}
