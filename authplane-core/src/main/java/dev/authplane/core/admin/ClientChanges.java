package dev.authplane.core.admin;

import dev.authplane.core.scope.ScopeDefinition;

import java.time.Duration;
import java.util.List;

/**
 * What an operator changes on a registered client ({@link AdminService#updateClient}); each field
 * {@code null} to keep the current value, and at least one given.
 *
 * @param scopes    the new registered scopes, replacing the current list
 * @param resources the new resource list by slug, replacing the current one; empty clears it
 * @param tokenLifetime the client's own access-token lifetime; {@link Duration#ZERO} returns it to
 *                      the server default
 */
public record ClientChanges(List<ScopeDefinition> scopes, List<String> resources, Duration tokenLifetime) {

    public ClientChanges {
        if (scopes == null && resources == null && tokenLifetime == null) {
            throw new IllegalArgumentException("nothing to change: give the scopes, the resources or the token lifetime");
        }
        scopes = scopes == null ? null : List.copyOf(scopes);
        resources = resources == null ? null : List.copyOf(resources);
    }

    /** Scopes, resources or both, keeping the token lifetime. */
    public ClientChanges(List<ScopeDefinition> scopes, List<String> resources) {
        this(scopes, resources, null);
    }

    /** Replaces the scopes only. */
    public static ClientChanges scopes(List<ScopeDefinition> scopes) {
        return new ClientChanges(scopes, null);
    }

    /** Replaces the resource list only. */
    public static ClientChanges resources(List<String> resources) {
        return new ClientChanges(null, resources);
    }

    /** Sets the client's own token lifetime only ({@link Duration#ZERO}: back to the server default). */
    public static ClientChanges tokenLifetime(Duration lifetime) {
        return new ClientChanges(null, null, lifetime);
    }
}
