package dev.authplane.core.admin;

import dev.authplane.core.scope.ScopeDefinition;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A client to register (the domain model (README, admin CLI) and the admin API (authplane-servlet README)), as given by an operator; {@link AdminService} validates it.
 *
 * @param name       unique human name, e.g. {@code backend-worker}
 * @param grantTypes grant types; currently only {@code client_credentials} is accepted
 * @param authMethod {@code client_secret_post} or {@code client_secret_basic}; {@code null} means
 *                   {@code client_secret_basic} (the RFC 7591 default)
 * @param scopes     the registered scopes, possibly empty
 */
public record NewClient(String name, Set<String> grantTypes, String authMethod, List<ScopeDefinition> scopes) {

    public NewClient {
        Objects.requireNonNull(name, "name");
        grantTypes = Set.copyOf(Objects.requireNonNull(grantTypes, "grantTypes"));
        scopes = List.copyOf(scopes == null ? List.of() : scopes);
    }
}
