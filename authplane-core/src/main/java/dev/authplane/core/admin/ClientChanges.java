package dev.authplane.core.admin;

import dev.authplane.core.scope.ScopeDefinition;

import java.util.List;

/**
 * What an operator changes on a registered client ({@link AdminService#updateClient}); each field
 * {@code null} to keep the current value, and at least one given.
 *
 * @param scopes    the new registered scopes, replacing the current list
 * @param resources the new resource list by slug, replacing the current one; empty clears it
 */
public record ClientChanges(List<ScopeDefinition> scopes, List<String> resources) {

    public ClientChanges {
        if (scopes == null && resources == null) {
            throw new IllegalArgumentException("nothing to change: give the scopes, the resources or both");
        }
        scopes = scopes == null ? null : List.copyOf(scopes);
        resources = resources == null ? null : List.copyOf(resources);
    }

    /** Replaces the scopes only. */
    public static ClientChanges scopes(List<ScopeDefinition> scopes) {
        return new ClientChanges(scopes, null);
    }

    /** Replaces the resource list only. */
    public static ClientChanges resources(List<String> resources) {
        return new ClientChanges(null, resources);
    }
}
