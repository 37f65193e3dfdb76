package dev.authplane.core.token;

import dev.authplane.core.client.Client;
import dev.authplane.core.resource.Resource;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The default scope policy (the seed's rule, {@code client_credentials.scope_policy=intersection}):
 * <ul>
 *   <li>{@code scope} present: grant the intersection of the requested and the client's registered
 *       scopes; an empty intersection is {@code invalid_scope}. Requested scopes the client does
 *       not have are dropped silently (the response's {@code scope} shows what was granted).</li>
 *   <li>{@code scope} omitted: grant every registered scope; a client with none gets
 *       {@code invalid_scope} saying so.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class IntersectionScopeResolver implements ScopeResolver {

    /** Creates the resolver; it has no settings. */
    public IntersectionScopeResolver() {
        // stateless
    }

    @Override
    public List<String> resolve(Client client, Resource resource, Optional<String> requested) {
        Objects.requireNonNull(client, "client");
        if (requested.isEmpty()) {
            return ScopeRequests.allRegistered(client);
        }
        Set<String> granted = ScopeRequests.parse(requested.get());
        granted.retainAll(client.scopeNames());
        if (granted.isEmpty()) {
            throw ScopeRequests.invalid("none of the requested scopes is registered for this client");
        }
        return List.copyOf(granted);
    }
}
