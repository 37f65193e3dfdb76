package dev.authplane.core.token;

import dev.authplane.core.client.Client;
import dev.authplane.core.resource.Resource;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The default scope policy (the seed's rule, {@code client_credentials.scope_policy=intersection}),
 * narrowed to the target resource's scope catalog:
 * <ul>
 *   <li>{@code scope} present: grant requested ∩ the client's registered scopes ∩ the resource's
 *       catalog; an empty result is {@code invalid_scope}, saying whether the client has none of
 *       them or the resource offers none of them. Requested scopes outside either set are dropped
 *       silently (the response's {@code scope} shows what was granted).</li>
 *   <li>{@code scope} omitted: grant the client's registered scopes ∩ the resource's catalog; a
 *       client with none, or a resource that offers none of them, gets {@code invalid_scope}.</li>
 * </ul>
 * With the issuer as audience ({@code client_credentials.require_resource=false}) there is no
 * catalog to narrow to.
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
            return ScopeRequests.allRegistered(client, resource);
        }
        Set<String> granted = ScopeRequests.parse(requested.get());
        granted.retainAll(client.scopeNames());
        if (granted.isEmpty()) {
            throw ScopeRequests.invalid("none of the requested scopes is registered for this client");
        }
        return List.copyOf(ScopeRequests.offeredBy(resource, granted, "none of the requested scopes"));
    }
}
