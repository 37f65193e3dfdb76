package dev.authplane.core.client;

import dev.authplane.core.scope.ScopeDefinition;
import dev.authplane.core.storage.DuplicateKeyException;
import dev.authplane.testsupport.ClientAssertionBuilder;
import dev.authplane.testsupport.Concurrently;
import dev.authplane.testsupport.TestTimes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCrypt;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link ClientRepository} contract. An adapter's test extends this class and implements
 * {@link #createRepository()}; every test then runs against that adapter.
 */
public abstract class ClientRepositoryContractTest {

    protected ClientRepository repository;

    /** An empty repository; called before every test. */
    protected abstract ClientRepository createRepository();

    @BeforeEach
    void setUpRepository() {
        repository = createRepository();
    }

    @Test
    void lookupsWhenAbsentThenEmptyNeverNull() {
        assertThat(repository.findByClientId("missing")).isEmpty();
        assertThat(repository.findByName("missing")).isEmpty();
        assertThat(repository.findAll()).isEmpty();
    }

    @Test
    void updateWhenAbsentThenFalseAndNothingStored() {
        Client client = TestClients.client().build();

        assertThat(repository.update(client)).isFalse();
        assertThat(repository.findByClientId(client.clientId())).isEmpty();
    }

    @Test
    void deleteWhenAbsentThenFalse() {
        assertThat(repository.delete("missing")).isFalse();
    }

    @Test
    void insertThenEveryFieldRoundTripsById() {
        Client client = TestClients.client()
                .grantTypes(Set.of(GrantTypes.CLIENT_CREDENTIALS, "urn:example:other"))
                .authMethod(ClientAuthMethod.CLIENT_SECRET_BASIC)
                .scopes(List.of(new ScopeDefinition("z/last", "Zed"), ScopeDefinition.of("a/first"),
                        new ScopeDefinition("m/mid", "Ünïcode – description")))
                .resources(List.of("zeta-mcp", "alpha-mcp"))
                .status(ClientStatus.DISABLED)
                .updatedAt(TestTimes.t0Plus(3600))
                .build();

        repository.insert(client);

        assertThat(repository.findByClientId(client.clientId())).contains(client);
        assertThat(repository.findByClientId(client.clientId()).orElseThrow().scopes())
                .as("registration order is kept").isEqualTo(client.scopes());
        assertThat(repository.findByClientId(client.clientId()).orElseThrow().resources())
                .containsExactly("alpha-mcp", "zeta-mcp");
        assertThat(repository.findAll()).containsExactly(client);
    }

    @Test
    void aPrivateKeyJwtClientRoundTripsWithItsKeysAndNoSecret() {
        String jwks = ClientAssertionBuilder.publicJwks(ClientAssertionBuilder.newEcKey("k1"),
                ClientAssertionBuilder.newRsaKey("r1"));
        Client inline = TestClients.client().name("inline-keys").authMethod(ClientAuthMethod.PRIVATE_KEY_JWT)
                .secretHash(null).keys(ClientKeys.inline(jwks)).build();
        Client remote = TestClients.client().name("remote-keys").authMethod(ClientAuthMethod.PRIVATE_KEY_JWT)
                .secretHash(null).keys(ClientKeys.remote("https://keys.example.com/a/jwks.json", false)).build();

        repository.insert(inline);
        repository.insert(remote);

        assertThat(repository.findByClientId(inline.clientId())).contains(inline);
        assertThat(repository.findByClientId(inline.clientId()).orElseThrow().keys().keyIds()).containsExactly("k1", "r1");
        assertThat(repository.findByName("remote-keys")).contains(remote);
        Client moved = inline.toBuilder().keys(ClientKeys.remote("https://keys.example.com/b/jwks.json", false)).build();
        assertThat(repository.update(moved)).isTrue();
        assertThat(repository.findByClientId(inline.clientId())).contains(moved);
    }

    @Test
    void insertThenFindByNameReturnsTheClient() {
        Client client = TestClients.client().name("backend-worker").build();

        repository.insert(client);

        assertThat(repository.findByName("backend-worker")).contains(client);
    }

    @Test
    void clientWithoutScopesRoundTrips() {
        Client client = TestClients.client().scopes(List.of()).build();

        repository.insert(client);

        assertThat(repository.findByClientId(client.clientId())).contains(client);
    }

    @Test
    void anIntrospectingClientWithoutGrantTypesRoundTripsAndUpdatesKeepTheFlag() {
        Client introspector = TestClients.client().grantTypes(List.of()).introspect(true).resources(List.of("main")).build();

        repository.insert(introspector);
        assertThat(repository.findByClientId(introspector.clientId())).contains(introspector);

        Client revoked = introspector.toBuilder().introspect(false).grantTypes(List.of(GrantTypes.CLIENT_CREDENTIALS))
                .updatedAt(TestTimes.t0Plus(5)).build();
        repository.update(revoked);
        assertThat(repository.findByClientId(introspector.clientId())).contains(revoked);
    }

    @Test
    void secretExpiryTheReplacedSecretsGraceAndTheTokenLifetimeRoundTripAndClear() {
        Client client = TestClients.client().build();
        repository.insert(client);
        assertThat(repository.findByClientId(client.clientId()).orElseThrow().secretValidity())
                .isEqualTo(SecretValidity.NONE);

        Client rotated = client.toBuilder().secretHash(TestClients.client().build().secretHash())
                .secretValidity(new SecretValidity(TestTimes.t0Plus(7_776_000), client.secretHash(),
                        TestTimes.t0Plus(86_400)))
                .tokenLifetime(Duration.ofMinutes(15)).updatedAt(TestTimes.t0Plus(5)).build();
        assertThat(repository.update(rotated)).isTrue();
        assertThat(repository.findByClientId(client.clientId())).contains(rotated);
        assertThat(repository.findAll()).contains(rotated);

        Client cleared = rotated.toBuilder().secretValidity(SecretValidity.NONE).tokenLifetime(null)
                .updatedAt(TestTimes.t0Plus(6)).build();
        assertThat(repository.update(cleared)).isTrue();
        assertThat(repository.findByClientId(client.clientId())).contains(cleared);
    }

    @Test
    void insertWhenClientIdTakenThenDuplicateKeyAndOriginalKept() {
        Client original = TestClients.client().build();
        repository.insert(original);
        Client sameId = TestClients.client().clientId(original.clientId()).build();

        assertThatThrownBy(() -> repository.insert(sameId)).isInstanceOf(DuplicateKeyException.class);
        assertThat(repository.findByClientId(original.clientId())).contains(original);
        assertThat(repository.findByName(sameId.name())).isEmpty();
    }

    @Test
    void insertWhenNameTakenThenDuplicateKeyAndNothingStored() {
        Client original = TestClients.client().build();
        repository.insert(original);
        Client sameName = TestClients.client().name(original.name()).build();

        assertThatThrownBy(() -> repository.insert(sameName)).isInstanceOf(DuplicateKeyException.class);
        assertThat(repository.findByClientId(sameName.clientId())).isEmpty();
        assertThat(repository.findByName(original.name())).contains(original);
    }

    @Test
    void updateReplacesEveryField() {
        Client original = TestClients.client().build();
        repository.insert(original);
        String otherHash = BCrypt.hashpw("another-secret", BCrypt.gensalt(4));
        Client changed = original.toBuilder().name("renamed").secretHash(otherHash)
                .grantTypes(Set.of("urn:example:other")).authMethod(ClientAuthMethod.CLIENT_SECRET_BASIC)
                .scopes(List.of(new ScopeDefinition("only/one", "The only one"))).status(ClientStatus.DISABLED)
                .resources(List.of("my-mcp")).updatedAt(TestTimes.t0Plus(60)).build();

        assertThat(repository.update(changed)).isTrue();

        assertThat(repository.findByClientId(original.clientId())).contains(changed);
        assertThat(repository.update(changed.toBuilder().resources(List.of()).build())).isTrue();
        assertThat(repository.findByClientId(original.clientId()).orElseThrow().resources()).as("list cleared").isEmpty();
        assertThat(repository.update(changed)).isTrue();
        assertThat(repository.findByName("renamed")).contains(changed);
        assertThat(repository.findByName(original.name())).as("old name freed").isEmpty();
    }

    @Test
    void updateWhenNameTakenByAnotherClientThenDuplicateKeyAndNothingChanged() {
        Client first = TestClients.client().build();
        Client second = TestClients.client().build();
        repository.insert(first);
        repository.insert(second);

        Client clash = second.toBuilder().name(first.name()).status(ClientStatus.DISABLED).build();

        assertThatThrownBy(() -> repository.update(clash)).isInstanceOf(DuplicateKeyException.class);
        assertThat(repository.findByClientId(second.clientId())).contains(second);
        assertThat(repository.findByName(first.name())).contains(first);
    }

    @Test
    void updateKeepingOwnNameSucceeds() {
        Client client = TestClients.client().build();
        repository.insert(client);
        Client disabled = client.toBuilder().status(ClientStatus.DISABLED).build();

        assertThat(repository.update(disabled)).isTrue();
        assertThat(repository.findByName(client.name())).contains(disabled);
    }

    @Test
    void renamedClientFreesItsOldNameForANewClient() {
        Client client = TestClients.client().build();
        repository.insert(client);
        repository.update(client.toBuilder().name("renamed").build());
        Client newcomer = TestClients.client().name(client.name()).build();

        repository.insert(newcomer);

        assertThat(repository.findByName(client.name())).contains(newcomer);
    }

    @Test
    void findAllOrdersByName() {
        Client b = TestClients.client().name("bravo").build();
        Client a = TestClients.client().name("alpha").build();
        Client c = TestClients.client().name("charlie").build();
        repository.insert(b);
        repository.insert(c);
        repository.insert(a);

        assertThat(repository.findAll()).containsExactly(a, b, c);
    }

    @Test
    void deleteRemovesTheClientAndFreesIdAndName() {
        Client client = TestClients.client().build();
        repository.insert(client);

        assertThat(repository.delete(client.clientId())).isTrue();

        assertThat(repository.findByClientId(client.clientId())).isEmpty();
        assertThat(repository.findByName(client.name())).isEmpty();
        assertThat(repository.delete(client.clientId())).isFalse();
        repository.insert(client);
        assertThat(repository.findByClientId(client.clientId())).contains(client);
    }

    @Test
    void parallelInsertsOfDistinctClientsLoseNothing() throws Exception {
        int threads = 8;
        int perThread = 50;
        Concurrently.run(threads, t -> {
            for (int i = 0; i < perThread; i++) {
                repository.insert(TestClients.client().name("parallel-" + t + "-" + i).build());
            }
            return null;
        });

        Set<String> names = repository.findAll().stream().map(Client::name).collect(Collectors.toSet());
        assertThat(names).hasSize(threads * perThread);
    }

    @Test
    void parallelInsertsOfOneNameThenExactlyOneWins() throws Exception {
        List<Boolean> won = Concurrently.run(8, t -> {
            try {
                repository.insert(TestClients.client().name("contested").build());
                return true;
            } catch (DuplicateKeyException e) {
                return false;
            }
        });

        assertThat(won).containsOnlyOnce(true);
        assertThat(repository.findAll()).hasSize(1);
    }
}
