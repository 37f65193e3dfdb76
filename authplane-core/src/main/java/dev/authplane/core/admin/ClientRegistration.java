package dev.authplane.core.admin;

import dev.authplane.core.client.Client;
import dev.authplane.core.client.ClientAuthMethod;
import dev.authplane.core.client.ClientKeys;
import dev.authplane.core.client.ClientRepository;
import dev.authplane.core.client.ClientSecretHasher;
import dev.authplane.core.client.ClientStatus;
import dev.authplane.core.client.GrantTypes;
import dev.authplane.core.client.SecretValidity;
import dev.authplane.core.config.AuthPlaneConfig;
import dev.authplane.core.resource.ResourceRepository;
import dev.authplane.core.support.IdGenerator;
import dev.authplane.core.support.Slugs;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The rules a client registration must meet, for {@link AdminService}: grant types, a name that is
 * never a {@code client_id}, registered resource slugs, and credentials that fit the method (a
 * generated secret, or public keys for {@code private_key_jwt}).
 */
final class ClientRegistration {

    private static final Duration MAX_SECRET_LIFETIME = Duration.ofDays(3650);
    private static final Duration MAX_GRACE_PERIOD = Duration.ofDays(30);

    private final AuthPlaneConfig config;
    private final ClientRepository clients;
    private final ResourceRepository resources;
    private final ClientSecretHasher hasher;
    private final IdGenerator ids;
    private final boolean fetchesJwksUri;

    ClientRegistration(AuthPlaneConfig config, ClientRepository clients, ResourceRepository resources,
                       ClientSecretHasher hasher, IdGenerator ids, boolean fetchesJwksUri) {
        this.config = config;
        this.clients = clients;
        this.resources = resources;
        this.hasher = hasher;
        this.ids = ids;
        this.fetchesJwksUri = fetchesJwksUri;
    }

    /** A validated new client with a fresh id, and its generated secret (none for {@code private_key_jwt}). */
    CreatedClient build(NewClient c, Instant now) {
        checkGrantTypes(c);
        ClientAuthMethod method = valid(() -> ClientAuthMethod.fromValue(
                c.authMethod() == null ? ClientAuthMethod.CLIENT_SECRET_BASIC.value() : c.authMethod()));
        checkName(c.name());
        List<String> resourceList = registeredSlugs(c.resources());
        ClientKeys keys = null;
        String secret = null;
        if (method.usesSecret()) {
            if (c.jwks() != null || c.jwksUri() != null) {
                throw AdminException.invalid("jwks and jwks_uri are for private_key_jwt clients; a "
                        + method.value() + " client gets a generated secret");
            }
            secret = ids.newClientSecret();
        } else {
            keys = keys(c.jwks(), c.jwksUri());
        }
        if (c.secretExpiresIn() != null && !method.usesSecret()) {
            throw AdminException.invalid("a private_key_jwt client has no secret to expire; retire its keys instead");
        }
        SecretValidity validity = c.secretExpiresIn() == null ? SecretValidity.NONE
                : new SecretValidity(now.plus(checkSecretExpiry(c.secretExpiresIn())), null, null);
        String hash = secret == null ? null : hasher.hash(secret);
        ClientKeys registeredKeys = keys;
        Duration lifetime = c.tokenLifetime() == null ? null : checkTokenLifetime(c.tokenLifetime());
        Client client = valid(() -> Client.builder().clientId(newClientId()).name(c.name()).secretHash(hash)
                .keys(registeredKeys).grantTypes(c.grantTypes()).authMethod(method).scopes(c.scopes())
                .resources(resourceList).introspect(c.introspect()).secretValidity(validity).tokenLifetime(lifetime)
                .status(ClientStatus.ACTIVE).createdAt(now).updatedAt(now).build());
        return new CreatedClient(client, secret);
    }

    /**
     * A {@code private_key_jwt} client's keys from exactly one of an inline JWK Set and a
     * {@code jwks_uri}; a {@code jwks_uri} only when this server fetches them.
     */
    ClientKeys keys(String jwks, String jwksUri) {
        if ((jwks == null) == (jwksUri == null)) {
            throw AdminException.invalid("a private_key_jwt client needs its public keys: give either jwks"
                    + " (a JWK Set) or jwks_uri, not both");
        }
        if (jwks != null) {
            return valid(() -> ClientKeys.inline(jwks));
        }
        if (!fetchesJwksUri) {
            throw AdminException.invalid("this server fetches no jwks_uri; register the public keys inline (jwks)");
        }
        return valid(() -> ClientKeys.remote(jwksUri, config.clientAuth().allowInsecureJwksUri()));
    }

    /** {@code lifetime} when it lies within the bounds of a client's own token lifetime. */
    Duration checkTokenLifetime(Duration lifetime) {
        config.clientCredentials().lifetimeProblem(lifetime).ifPresent(problem -> {
            throw AdminException.invalid(problem);
        });
        return lifetime;
    }

    /** {@code expiresIn} when it is a usable secret lifetime: from one minute to ten years. */
    static Duration checkSecretExpiry(Duration expiresIn) {
        if (expiresIn.compareTo(Duration.ofMinutes(1)) < 0 || expiresIn.compareTo(MAX_SECRET_LIFETIME) > 0) {
            throw AdminException.invalid("secret expiry must be from 1m to 3650d");
        }
        return expiresIn;
    }

    /** {@code keepOldFor} when it is a usable grace period for a replaced secret: from 0 to 30 days. */
    static Duration checkGracePeriod(Duration keepOldFor) {
        if (keepOldFor.isNegative() || keepOldFor.compareTo(MAX_GRACE_PERIOD) > 0) {
            throw AdminException.invalid("the old secret may be kept from 0s to 30d");
        }
        return keepOldFor;
    }

    /** The resource list as given, each slug well-formed and registered; duplicates dropped. */
    List<String> registeredSlugs(List<String> slugs) {
        Set<String> out = new LinkedHashSet<>();
        for (String slug : slugs) {
            if (!Slugs.isValid(slug)) {
                throw AdminException.invalid("resource '" + Text.printable(slug) + "' is not a slug (" + Slugs.RULE + ")");
            }
            if (resources.findBySlug(slug).isEmpty()) {
                throw AdminException.invalid("no resource with slug '" + slug + "'; register it first"
                        + " or leave it out of the client's resources");
            }
            out.add(slug);
        }
        return List.copyOf(out);
    }

    private void checkGrantTypes(NewClient c) {
        if (c.introspect() && c.resources().isEmpty()) {
            throw AdminException.invalid("a client that introspects tokens needs a resource list (--resources SLUG):"
                    + " it may introspect only tokens for those resources");
        }
        if (c.grantTypes().isEmpty() && c.introspect()) {
            return;
        }
        if (c.grantTypes().isEmpty()) {
            throw AdminException.invalid("a client needs at least one grant type (or the right to introspect);"
                    + " accepted: client_credentials");
        }
        for (String grant : c.grantTypes()) {
            if (!GrantTypes.CLIENT_CREDENTIALS.equals(grant)) {
                throw AdminException.invalid("unsupported grant type '" + Text.printable(grant)
                        + "'; accepted: client_credentials");
            }
        }
        if (!config.clientCredentials().enabled()) {
            throw AdminException.invalid("the client_credentials grant is disabled on this server; "
                    + config.clientCredentials().howToEnable());
        }
    }

    /**
     * A name is a name and never a {@code client_id}: one that has the form of a generated id, or
     * that is some client's id, is refused, so "client_id or name" arguments cannot mean two clients.
     */
    private void checkName(String name) {
        if (ids.couldBeClientId(name) || clients.findByClientId(name).isPresent()) {
            throw AdminException.invalid("the name '" + Text.printable(name) + "' could be read as a client_id;"
                    + " choose a name that is not 22 letters, digits, '-' or '_' (e.g. backend-worker)");
        }
    }

    /** A fresh client id that is no client's name either (a custom {@link IdGenerator} might collide). */
    private String newClientId() {
        String id = ids.newClientId();
        for (int attempt = 0; clients.findByName(id).isPresent(); attempt++) {
            if (attempt == 3) {
                throw new IllegalStateException("the id generator keeps returning ids that are client names");
            }
            id = ids.newClientId();
        }
        return id;
    }

    static <T> T valid(Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw AdminException.invalid(e.getMessage());
        }
    }
}
