package dev.authplane.core.token;

import dev.authplane.core.AuthPlane;
import dev.authplane.core.TestAuthPlanes;
import dev.authplane.core.admin.ClientChanges;
import dev.authplane.core.admin.CreatedClient;
import dev.authplane.core.admin.NewClient;
import dev.authplane.core.admin.NewResource;
import dev.authplane.core.client.GrantTypes;
import dev.authplane.core.config.AuthPlaneConfig;
import dev.authplane.core.error.OAuthError;
import dev.authplane.core.scope.ScopeDefinition;
import dev.authplane.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.authplane.core.TestAuthPlanes.RESOURCE_URI;
import static dev.authplane.core.token.TokenServiceTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14 §1: granted scopes are requested ∩ client ∩ the resource's catalog, and a client with a
 * resource list gets tokens for listed resources only. Every refusal has its positive control.
 */
class ClientResourceLeastPrivilegeTest {

    private static final String BILLING_URI = "https://billing.example.com/mcp";

    private final MutableClock clock = new MutableClock();

    @Test
    void aScopeTheResourceDoesNotOfferIsNeverGrantedForIt() {
        AuthPlane plane = planeWithTwoResources(TestAuthPlanes.config());
        CreatedClient worker = TestAuthPlanes.registerClient(plane, "backend-worker", "tools/query");

        assertError(() -> plane.tokens().issue(request(worker, "tools/query", BILLING_URI)), OAuthError.INVALID_SCOPE)
                .isEqualTo("the resource 'billing' offers none of the requested scopes");
        assertError(() -> plane.tokens().issue(request(worker, null, BILLING_URI)), OAuthError.INVALID_SCOPE)
                .isEqualTo("the resource 'billing' offers none of the client's registered scopes");
        assertThat(plane.tokens().issue(request(worker, "tools/query", RESOURCE_URI)).scope()).isEqualTo("tools/query");
    }

    @Test
    void grantedScopesAreRequestedAndRegisteredAndOffered() {
        AuthPlane plane = planeWithTwoResources(TestAuthPlanes.config());
        CreatedClient wide = TestAuthPlanes.registerClient(plane, "wide", "tools/query", "billing/read", "other/x");

        assertThat(plane.tokens().issue(request(wide, "tools/query billing/read", BILLING_URI)).scope())
                .isEqualTo("billing/read");
        assertThat(plane.tokens().issue(request(wide, null, BILLING_URI)).scope()).isEqualTo("billing/read");
        assertThat(plane.tokens().issue(request(wide, null, RESOURCE_URI)).scope()).isEqualTo("tools/query");
    }

    @Test
    void strictPolicyNamesTheScopeTheResourceDoesNotOffer() {
        AuthPlane plane = planeWithTwoResources(TestAuthPlanes.config("client_credentials.scope_policy", "strict"));
        CreatedClient wide = TestAuthPlanes.registerClient(plane, "wide", "tools/query", "billing/read");

        assertError(() -> plane.tokens().issue(request(wide, "billing/read tools/query", BILLING_URI)),
                OAuthError.INVALID_SCOPE).isEqualTo("the resource 'billing' does not offer scope 'tools/query'");
        assertThat(plane.tokens().issue(request(wide, "billing/read", BILLING_URI)).scope()).isEqualTo("billing/read");
    }

    @Test
    void aClientWithAResourceListGetsTokensForListedResourcesOnly() {
        AuthPlane plane = planeWithTwoResources(TestAuthPlanes.config());
        CreatedClient limited = listedClient(plane, "limited", List.of("my-mcp"), "tools/query", "billing/read");

        assertError(() -> plane.tokens().issue(request(limited, "billing/read", BILLING_URI)), OAuthError.INVALID_TARGET)
                .isEqualTo("the client may not request tokens for this resource");
        assertThat(plane.tokens().issue(request(limited, "tools/query", RESOURCE_URI)).scope()).isEqualTo("tools/query");

        plane.admin().updateClient("limited", ClientChanges.resources(List.of("my-mcp", "billing")));
        assertThat(plane.tokens().issue(request(limited, "billing/read", BILLING_URI)).scope()).isEqualTo("billing/read");
    }

    @Test
    void listedPolicyRefusesEveryClientWithoutAList() {
        AuthPlane plane = planeWithTwoResources(TestAuthPlanes.config("security.client_resources", "listed"));
        CreatedClient unlisted = TestAuthPlanes.registerClient(plane, "unlisted", "tools/query");
        CreatedClient listed = listedClient(plane, "listed", List.of("my-mcp"), "tools/query");

        assertError(() -> plane.tokens().issue(request(unlisted, null, RESOURCE_URI)), OAuthError.INVALID_TARGET)
                .contains("no resource list");
        assertThat(plane.tokens().issue(request(listed, null, RESOURCE_URI)).accessToken()).isNotEmpty();

        plane.admin().updateClient("unlisted", ClientChanges.resources(List.of("my-mcp")));
        assertThat(plane.tokens().issue(request(unlisted, null, RESOURCE_URI)).accessToken()).isNotEmpty();
        plane.admin().updateClient("unlisted", ClientChanges.resources(List.of()));
        assertError(() -> plane.tokens().issue(request(unlisted, null, RESOURCE_URI)), OAuthError.INVALID_TARGET);
    }

    @Test
    void aClientWithAListNeverGetsTheIssuerAsAudience() {
        AuthPlane plane = planeWithTwoResources(TestAuthPlanes.config("client_credentials.require_resource", "false"));
        CreatedClient listed = listedClient(plane, "listed", List.of("my-mcp"), "tools/query");
        CreatedClient unlisted = TestAuthPlanes.registerClient(plane, "unlisted", "tools/query");

        assertError(() -> plane.tokens().issue(request(listed, null, null)), OAuthError.INVALID_TARGET)
                .isEqualTo("resource is required for a client with a resource list");
        assertThat(plane.tokens().issue(request(unlisted, null, null)).scope()).isEqualTo("tools/query");
    }

    private AuthPlane planeWithTwoResources(AuthPlaneConfig config) {
        AuthPlane plane = TestAuthPlanes.builder(config, clock).build();
        TestAuthPlanes.registerResource(plane);
        plane.admin().createResource(new NewResource("billing", BILLING_URI, "mint",
                List.of(ScopeDefinition.of("billing/read"))));
        return plane;
    }

    private static CreatedClient listedClient(AuthPlane plane, String name, List<String> resources, String... scopes) {
        return plane.admin().createClient(new NewClient(name, Set.of(GrantTypes.CLIENT_CREDENTIALS),
                "client_secret_post", List.of(scopes).stream().map(ScopeDefinition::of).toList(), resources));
    }

    private static TokenRequest request(CreatedClient client, String scope, String resource) {
        return new TokenRequest(GrantTypes.CLIENT_CREDENTIALS, TestAuthPlanes.postCredentials(client), scope,
                resource, null);
    }
}
