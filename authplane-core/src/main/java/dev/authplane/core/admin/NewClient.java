package dev.authplane.core.admin;

import dev.authplane.core.scope.ScopeDefinition;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A client to register (the domain model (README, admin CLI) and the admin API (authplane-servlet
 * README)), as given by an operator; {@link AdminService} validates it.
 *
 * @param name       unique human name, e.g. {@code backend-worker}; never one that could be read as
 *                   a {@code client_id} (see {@link AdminService#createClient})
 * @param grantTypes grant types; currently only {@code client_credentials} is accepted
 * @param authMethod {@code client_secret_basic}, {@code client_secret_post} or
 *                   {@code private_key_jwt}; {@code null} means {@code client_secret_basic} (the
 *                   RFC 7591 default)
 * @param scopes     the registered scopes, possibly empty
 * @param resources  slugs of the registered resources the client may request tokens for; empty for
 *                   no list (any resource, unless the server requires a list)
 * @param jwks       a {@code private_key_jwt} client's public keys as a JWK Set document, or {@code null}
 * @param jwksUri    the URL of a {@code private_key_jwt} client's JWK Set, or {@code null}; exactly
 *                   one of the two for such a client, neither for a client with a secret
 * @param introspect whether the client may introspect tokens for its {@code resources} (RFC 7662);
 *                   such a client needs a resource list and may have no grant type
 * @param secretExpiresIn how long the generated secret works, or {@code null} for no expiry
 * @param tokenLifetime   the client's own access-token lifetime, or {@code null} for the server default
 */
public record NewClient(String name, Set<String> grantTypes, String authMethod, List<ScopeDefinition> scopes,
                        List<String> resources, String jwks, String jwksUri, boolean introspect,
                        Duration secretExpiresIn, Duration tokenLifetime) {

    public NewClient {
        Objects.requireNonNull(name, "name");
        grantTypes = Set.copyOf(Objects.requireNonNull(grantTypes, "grantTypes"));
        scopes = List.copyOf(scopes == null ? List.of() : scopes);
        resources = List.copyOf(resources == null ? List.of() : resources);
    }

    /** A client whose secret does not expire, with the server's token lifetime. */
    public NewClient(String name, Set<String> grantTypes, String authMethod, List<ScopeDefinition> scopes,
                     List<String> resources, String jwks, String jwksUri, boolean introspect) {
        this(name, grantTypes, authMethod, scopes, resources, jwks, jwksUri, introspect, null, null);
    }

    /** This client with a secret that expires {@code expiresIn} after it is generated. */
    public NewClient withSecretExpiresIn(Duration expiresIn) {
        return new NewClient(name, grantTypes, authMethod, scopes, resources, jwks, jwksUri, introspect, expiresIn,
                tokenLifetime);
    }

    /** This client with its own access-token lifetime. */
    public NewClient withTokenLifetime(Duration lifetime) {
        return new NewClient(name, grantTypes, authMethod, scopes, resources, jwks, jwksUri, introspect,
                secretExpiresIn, lifetime);
    }

    /** A client that does not introspect. */
    public NewClient(String name, Set<String> grantTypes, String authMethod, List<ScopeDefinition> scopes,
                     List<String> resources, String jwks, String jwksUri) {
        this(name, grantTypes, authMethod, scopes, resources, jwks, jwksUri, false);
    }

    /** A client with a secret. */
    public NewClient(String name, Set<String> grantTypes, String authMethod, List<ScopeDefinition> scopes,
                     List<String> resources) {
        this(name, grantTypes, authMethod, scopes, resources, null, null);
    }

    /** A client with a secret and without a resource list. */
    public NewClient(String name, Set<String> grantTypes, String authMethod, List<ScopeDefinition> scopes) {
        this(name, grantTypes, authMethod, scopes, List.of());
    }
}
