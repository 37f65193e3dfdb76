package dev.authplane.core.token;

import dev.authplane.core.client.Client;
import dev.authplane.core.resource.Resource;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The strict scope policy ({@code client_credentials.scope_policy=strict}): every requested scope
 * must be registered for the client and offered by the target resource's catalog, otherwise the
 * request fails with {@code invalid_scope} naming the first such scope (no silent narrowing). An
 * omitted {@code scope} grants the registered scopes the resource offers, as in
 * {@link IntersectionScopeResolver}. Stateless and thread-safe.
 */
public final class StrictScopeResolver implements ScopeResolver {

    /** Creates the resolver; it has no settings. */
    public StrictScopeResolver() {
        // stateless
    }

    @Override
    public List<String> resolve(Client client, Resource resource, Optional<String> requested) {
        Objects.requireNonNull(client, "client");
        if (requested.isEmpty()) {
            return ScopeRequests.allRegistered(client, resource);
        }
        Set<String> wanted = ScopeRequests.parse(requested.get());
        Set<String> registered = client.scopeNames();
        Set<String> offered = resource == null ? null : resource.scopeNames();
        for (String scope : wanted) {
            if (!registered.contains(scope)) {
                throw ScopeRequests.invalid("scope '" + scope + "' is not registered for this client");
            }
            if (offered != null && !offered.contains(scope)) {
                throw ScopeRequests.invalid("the resource '" + resource.slug() + "' does not offer scope '" + scope + "'");
            }
        }
        return List.copyOf(wanted);
    }
}
