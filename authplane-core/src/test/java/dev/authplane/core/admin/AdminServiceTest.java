package dev.authplane.core.admin;

import dev.authplane.core.AuthPlane;
import dev.authplane.core.TestAuthPlanes;
import dev.authplane.core.audit.Issuance;
import dev.authplane.core.audit.IssuanceQuery;
import dev.authplane.core.client.Client;
import dev.authplane.core.client.ClientAuthMethod;
import dev.authplane.core.client.ClientStatus;
import dev.authplane.core.client.GrantTypes;
import dev.authplane.core.resource.Resource;
import dev.authplane.core.scope.ScopeDefinition;
import dev.authplane.testsupport.MutableClock;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** the domain model (README, admin CLI) and the admin API (authplane-servlet README): administration rules. */
class AdminServiceTest {

    private static final List<ScopeDefinition> QUERY = List.of(ScopeDefinition.parse("tools/query||Query tools"));

    private final MutableClock clock = new MutableClock();
    private final AuthPlane plane = TestAuthPlanes.builder(TestAuthPlanes.config(), clock).build();
    private final AdminService admin = plane.admin();

    @Test
    void createClientReturnsAUrlSafeSecretOfAtLeast256BitsAndStoresOnlyItsBcryptHash() {
        CreatedClient created = admin.createClient(newClient("backend-worker", "client_secret_post"));

        assertThat(created.clientSecret()).matches("[A-Za-z0-9_-]{43,}");
        assertThat(created.client().clientId()).matches("[A-Za-z0-9_-]+");
        Client stored = admin.getClient("backend-worker");
        assertThat(stored.secretHash()).startsWith("$2a$04$").doesNotContain(created.clientSecret());
        assertThat(stored.authMethod()).isEqualTo(ClientAuthMethod.CLIENT_SECRET_POST);
        assertThat(stored.scopes()).isEqualTo(QUERY);
        assertThat(created.toString()).doesNotContain(created.clientSecret());
    }

    @Test
    void createClientWhenGrantDisabledNamesTheSettingAndEnvVar() {
        AdminService disabled = TestAuthPlanes.builder(TestAuthPlanes.config("client_credentials.enabled", "false"), clock)
                .build().admin();

        assertRefused(() -> disabled.createClient(newClient("w", "client_secret_post")), AdminException.Kind.INVALID)
                .hasMessageContaining("client_credentials.enabled").hasMessageContaining("AUTHPLANE_CLIENT_CREDENTIALS_ENABLED");
    }

    @Test
    void createClientRefusesUnknownGrantTypesAndAuthMethodsListingTheAcceptedValues() {
        assertRefused(() -> admin.createClient(new NewClient("w", Set.of("password"), "client_secret_post", QUERY)),
                AdminException.Kind.INVALID).hasMessageContaining("accepted: client_credentials");
        assertRefused(() -> admin.createClient(newClient("w", "tls_client_auth")), AdminException.Kind.INVALID)
                .hasMessageContaining("client_secret_post").hasMessageContaining("client_secret_basic")
                .hasMessageContaining("private_key_jwt");
        assertRefused(() -> admin.createClient(new NewClient("w", Set.of(), "client_secret_post", QUERY)),
                AdminException.Kind.INVALID);
    }

    @Test
    void clientNamesAreUnique() {
        admin.createClient(newClient("backend-worker", "client_secret_post"));

        assertRefused(() -> admin.createClient(newClient("backend-worker", "client_secret_basic")),
                AdminException.Kind.CONFLICT).hasMessageContaining("backend-worker");
    }

    @Test
    void authMethodDefaultsToClientSecretBasic() {
        assertThat(admin.createClient(newClient("w", null)).client().authMethod())
                .isEqualTo(ClientAuthMethod.CLIENT_SECRET_BASIC);
    }

    @Test
    void clientIsFoundByIdOrNameAndDisableEnableRotateDeleteWork() {
        CreatedClient created = admin.createClient(newClient("backend-worker", "client_secret_post"));
        String id = created.client().clientId();

        assertThat(admin.getClient(id)).isEqualTo(admin.getClient("backend-worker"));
        assertThat(admin.disableClient(id).status()).isEqualTo(ClientStatus.DISABLED);
        assertThat(admin.enableClient("backend-worker").status()).isEqualTo(ClientStatus.ACTIVE);
        CreatedClient rotated = admin.rotateSecret("backend-worker");
        assertThat(rotated.clientSecret()).isNotEqualTo(created.clientSecret());
        assertThat(rotated.client().secretHash()).isNotEqualTo(created.client().secretHash());
        admin.deleteClient("backend-worker");
        assertRefused(() -> admin.getClient(id), AdminException.Kind.NOT_FOUND);
        assertThat(admin.listClients()).isEmpty();
    }

    @Test
    void updateClientScopesReplacesTheListAndRefusesInvalidScopesAndUnknownClients() {
        admin.createClient(newClient("backend-worker", "client_secret_post"));

        assertThat(admin.updateClient("backend-worker", ClientChanges.scopes(List.of(ScopeDefinition.of("tools/query"),
                ScopeDefinition.of("tools/admin")))).scopeNames()).containsExactlyInAnyOrder("tools/query", "tools/admin");
        assertThat(admin.getClient("backend-worker").scopeNames()).containsExactlyInAnyOrder("tools/query", "tools/admin");
        assertRefused(() -> admin.updateClient("no-such-client", ClientChanges.scopes(List.of())), AdminException.Kind.NOT_FOUND);
    }

    @Test
    void createResourceAcceptsTheSeedCommandAndRefusesOtherBackendKinds() {
        Resource r = admin.createResource(new NewResource("my-mcp", "https://mcp.example.com/mcp", "mint", QUERY));

        assertThat(admin.getResource("my-mcp")).isEqualTo(r).isEqualTo(admin.getResource(r.id()));
        assertRefused(() -> admin.createResource(new NewResource("other", "https://o.example.com/mcp", "broker", QUERY)),
                AdminException.Kind.INVALID).hasMessageContaining("mint");
    }

    @Test
    void resourceSlugAndUriAreValidatedAndUnique() {
        admin.createResource(new NewResource("my-mcp", "https://mcp.example.com/mcp", "mint", QUERY));

        assertRefused(() -> admin.createResource(new NewResource("my-mcp", "https://x.example.com/mcp", "mint", QUERY)),
                AdminException.Kind.CONFLICT);
        assertRefused(() -> admin.createResource(new NewResource("other", "https://mcp.example.com/mcp", "mint", QUERY)),
                AdminException.Kind.CONFLICT);
        assertRefused(() -> admin.createResource(new NewResource("Bad Slug", "https://b.example.com/", "mint", QUERY)),
                AdminException.Kind.INVALID);
        assertRefused(() -> admin.createResource(new NewResource("frag", "https://b.example.com/#x", "mint", QUERY)),
                AdminException.Kind.INVALID).hasMessageContaining("fragment");
    }

    @Test
    void deleteResourceAndUnknownResourceIsNotFound() {
        admin.createResource(new NewResource("my-mcp", "https://mcp.example.com/mcp", null, QUERY));
        admin.deleteResource("my-mcp");

        assertThat(admin.listResources()).isEmpty();
        assertRefused(() -> admin.deleteResource("my-mcp"), AdminException.Kind.NOT_FOUND);
    }

    @Test
    void rotateKeyMakesANewKeyActiveAndListKeysShowsBoth() {
        String first = admin.rotateKey().kid();
        String second = admin.rotateKey().kid();

        assertThat(first).isNotEqualTo(second);
        assertThat(admin.listKeys().get(0).kid()).isEqualTo(second);
        assertThat(admin.listKeys()).extracting(k -> k.kid()).contains(first);
    }

    @Test
    void clientResourceListsNameRegisteredSlugsOnlyAndUpdatesReplaceOrClearThem() {
        TestAuthPlanes.registerResource(plane);
        assertRefused(() -> admin.createClient(new NewClient("w", Set.of(GrantTypes.CLIENT_CREDENTIALS),
                "client_secret_post", QUERY, List.of("no-such-mcp"))), AdminException.Kind.INVALID)
                .hasMessageContaining("no resource with slug 'no-such-mcp'");
        assertRefused(() -> admin.createClient(new NewClient("w", Set.of(GrantTypes.CLIENT_CREDENTIALS),
                "client_secret_post", QUERY, List.of("Not A Slug"))), AdminException.Kind.INVALID)
                .hasMessageContaining("is not a slug");
        assertThat(admin.listClients()).as("nothing stored by a refused create").isEmpty();

        Client created = admin.createClient(new NewClient("w", Set.of(GrantTypes.CLIENT_CREDENTIALS),
                "client_secret_post", QUERY, List.of("my-mcp", "my-mcp"))).client();
        assertThat(created.resources()).containsExactly("my-mcp");

        assertRefused(() -> admin.updateClient("w", ClientChanges.resources(List.of("gone"))), AdminException.Kind.INVALID);
        assertThat(admin.getClient("w").resources()).as("a refused update changes nothing").containsExactly("my-mcp");
        Client cleared = admin.updateClient("w", ClientChanges.resources(List.of()));
        assertThat(cleared.resources()).isEmpty();
        assertThat(cleared.scopes()).as("scopes kept when only resources change").isEqualTo(QUERY);
    }

    @Test
    void aNameThatCouldBeReadAsAClientIdIsRefused() {
        Client first = admin.createClient(newClient("backend-worker", "client_secret_post")).client();

        assertRefused(() -> admin.createClient(newClient(first.clientId(), "client_secret_post")),
                AdminException.Kind.INVALID).hasMessageContaining("could be read as a client_id");
        assertRefused(() -> admin.createClient(newClient("Ab3defghijklmnopqrstuv", "client_secret_post")),
                AdminException.Kind.INVALID);
        assertThat(admin.createClient(newClient("backend-worker-nightly", "client_secret_post")).client().name())
                .as("a 22-character human name").isEqualTo("backend-worker-nightly");
        assertThat(admin.getClient(first.clientId())).isEqualTo(first);
    }

    @Test
    void issuanceListingByNameShowsThatClientOnlyEvenWhenTheNameWasReused() {
        TestAuthPlanes.registerResource(plane);
        CreatedClient old = TestAuthPlanes.registerClient(plane, "backend-worker", "tools/query");
        plane.tokens().issue(TestAuthPlanes.request(old, null));
        admin.deleteClient("backend-worker");
        CreatedClient reused = TestAuthPlanes.registerClient(plane, "backend-worker", "tools/query");
        plane.tokens().issue(TestAuthPlanes.request(reused, null));
        Instant now = clock.instant();

        assertThat(admin.listIssuances(query("backend-worker", now))).extracting(Issuance::clientId)
                .containsExactly(reused.client().clientId());
        assertThat(admin.listIssuances(query(old.client().clientId(), now))).extracting(Issuance::clientId)
                .as("a deleted client's rows by its id").containsExactly(old.client().clientId());
    }

    private static IssuanceQuery query(String client, Instant now) {
        return new IssuanceQuery(client, null, now.minusSeconds(60), null, 20);
    }

    private static NewClient newClient(String name, String method) {
        return new NewClient(name, Set.of(GrantTypes.CLIENT_CREDENTIALS), method, QUERY);
    }

    private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
            ThrowingCallable call, AdminException.Kind kind) {
        return assertThatThrownBy(call).isInstanceOfSatisfying(AdminException.class,
                e -> assertThat(e.kind()).isEqualTo(kind));
    }
}
