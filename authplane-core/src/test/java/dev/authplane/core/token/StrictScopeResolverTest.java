package dev.authplane.core.token;

import dev.authplane.core.client.Client;
import dev.authplane.core.client.TestClients;
import dev.authplane.core.config.ScopePolicy;
import dev.authplane.core.scope.ScopeDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.authplane.core.token.IntersectionScopeResolverTest.assertInvalidScope;
import static org.assertj.core.api.Assertions.assertThat;

/** token step 6 (authplane-core README), {@code scope_policy=strict}: no silent narrowing. */
class StrictScopeResolverTest {

    private final ScopeResolver resolver = ScopeResolver.forPolicy(ScopePolicy.STRICT);
    private final Client client = TestClients.client()
            .scopes(List.of(ScopeDefinition.of("tools/query"), ScopeDefinition.of("tools/call"))).build();

    @Test
    void strictPolicyWhenARequestedScopeIsNotRegisteredThenInvalidScopeNamingIt() {
        assertInvalidScope(() -> resolver.resolve(client, null, Optional.of("tools/query admin")),
                "scope 'admin' is not registered for this client");
    }

    @Test
    void strictPolicyWhenAllRequestedScopesRegisteredThenGrantedSorted() {
        assertThat(resolver.resolve(client, null, Optional.of("tools/query tools/call")))
                .containsExactly("tools/call", "tools/query");
    }

    @Test
    void strictPolicyWhenScopeOmittedThenAllRegisteredScopes() {
        assertThat(resolver.resolve(client, null, Optional.empty())).containsExactly("tools/call", "tools/query");
    }

    @Test
    void strictPolicyRefusesMalformedScopeTokens() {
        assertInvalidScope(() -> resolver.resolve(client, null, Optional.of("tools\\query")),
                "scope contains a malformed scope token (RFC 6749 section 3.3)");
    }

    @Test
    void defaultPolicyIsIntersection() {
        assertThat(ScopeResolver.forPolicy(ScopePolicy.INTERSECTION))
                .isInstanceOf(IntersectionScopeResolver.class);
    }
}
