package dev.authplane.core.admin;

import dev.authplane.core.scope.ScopeDefinition;

import java.util.List;
import java.util.Objects;

/**
 * A resource to register (the domain model (README, admin CLI) and the admin API (authplane-servlet README)), as given by an operator; {@link AdminService} validates it.
 *
 * @param slug        unique short name, {@code ^[a-z0-9][a-z0-9-]{0,63}$}
 * @param uri         the resource URI that becomes the token audience, byte for byte
 * @param backendKind {@code mint} (the only kind this server supports); {@code null} means {@code mint}
 * @param scopes      the scope catalog, possibly empty
 */
public record NewResource(String slug, String uri, String backendKind, List<ScopeDefinition> scopes) {

    public NewResource {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(uri, "uri");
        scopes = List.copyOf(scopes == null ? List.of() : scopes);
    }
}
