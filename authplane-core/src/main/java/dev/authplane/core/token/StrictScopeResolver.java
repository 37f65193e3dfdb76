package dev.authplane.core.token;

import dev.authplane.core.client.Client;
import dev.authplane.core.resource.Resource;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The strict scope policy ({@code client_credentials.scope_policy=strict}): every requested scope
 * must be registered for the client, otherwise the request fails with {@code invalid_scope}
 * naming the first unregistered scope (no silent narrowing). An omitted {@code scope} grants every
 * registered scope, as in {@link IntersectionScopeResolver}. Stateless and thread-safe.
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
            return ScopeRequests.allRegistered(client);
        }
        Set<String> wanted = ScopeRequests.parse(requested.get());
        Set<String> registered = client.scopeNames();
        for (String scope : wanted) {
            if (!registered.contains(scope)) {
                throw ScopeRequests.invalid("scope '" + scope + "' is not registered for this client");
            }
        }
        return List.copyOf(wanted);
    }
}
