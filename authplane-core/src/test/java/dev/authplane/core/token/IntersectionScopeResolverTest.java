package dev.authplane.core.token;

import dev.authplane.core.client.Client;
import dev.authplane.core.client.TestClients;
import dev.authplane.core.error.OAuthError;
import dev.authplane.core.error.OAuthException;
import dev.authplane.core.scope.ScopeDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** token step 6 (authplane-core README), the default policy: intersection of requested and registered scopes. */
class IntersectionScopeResolverTest {

    private final ScopeResolver resolver = new IntersectionScopeResolver();
    private final Client client = TestClients.client()
            .scopes(List.of(ScopeDefinition.of("tools/query"), ScopeDefinition.of("tools/call"), ScopeDefinition.of("admin")))
            .build();

    @Test
    void clientCredentialsWhenScopePresentThenIntersectionWithRegisteredScopesSorted() {
        assertThat(resolver.resolve(client, null, Optional.of("tools/query unknown tools/call")))
                .containsExactly("tools/call", "tools/query");
    }

    @Test
    void clientCredentialsWhenScopeOmittedThenAllRegisteredScopesSorted() {
        assertThat(resolver.resolve(client, null, Optional.empty()))
                .containsExactly("admin", "tools/call", "tools/query");
    }

    @Test
    void clientCredentialsWhenIntersectionEmptyThenInvalidScope() {
        assertInvalidScope(() -> resolver.resolve(client, null, Optional.of("unknown other")),
                "none of the requested scopes is registered for this client");
    }

    @Test
    void clientCredentialsWhenClientHasNoRegisteredScopesAndScopeOmittedThenInvalidScopeSayingSo() {
        Client none = TestClients.client().scopes(List.of()).build();

        assertInvalidScope(() -> resolver.resolve(none, null, Optional.empty()), "the client has no registered scopes");
    }

    @Test
    void clientCredentialsWhenScopeTokenMalformedThenInvalidScope() {
        assertInvalidScope(() -> resolver.resolve(client, null, Optional.of("tools/query tools\"call")),
                "scope contains a malformed scope token (RFC 6749 section 3.3)");
        assertInvalidScope(() -> resolver.resolve(client, null, Optional.of("tools/query\ttools/call")),
                "scope contains a malformed scope token (RFC 6749 section 3.3)");
        assertInvalidScope(() -> resolver.resolve(client, null, Optional.of("caf\u00e9")),
                "scope contains a malformed scope token (RFC 6749 section 3.3)");
    }

    @Test
    void clientCredentialsWhenScopePresentButBlankThenInvalidScope() {
        assertThatThrownBy(() -> resolver.resolve(client, null, Optional.of(" ")))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error()).isEqualTo(OAuthError.INVALID_SCOPE));
    }

    @Test
    void duplicateAndExtraSpacesAreTolerated() {
        assertThat(resolver.resolve(client, null, Optional.of(" admin  admin ")))
                .containsExactly("admin");
    }

    static void assertInvalidScope(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String description) {
        assertThatThrownBy(call).isInstanceOfSatisfying(OAuthException.class, e -> {
            assertThat(e.error()).isEqualTo(OAuthError.INVALID_SCOPE);
            assertThat(e.description()).isEqualTo(description);
        });
    }
}
