package dev.authplane.core.admin;

import dev.authplane.core.audit.Issuance;
import dev.authplane.core.audit.IssuanceQuery;
import dev.authplane.core.audit.IssuanceRepository;
import dev.authplane.core.client.Client;
import dev.authplane.core.client.ClientAuthMethod;
import dev.authplane.core.client.ClientRepository;
import dev.authplane.core.client.ClientSecretHasher;
import dev.authplane.core.client.ClientStatus;
import dev.authplane.core.client.GrantTypes;
import dev.authplane.core.config.AuthPlaneConfig;
import dev.authplane.core.key.KeyInfo;
import dev.authplane.core.key.KeyManager;
import dev.authplane.core.resource.BackendKind;
import dev.authplane.core.resource.Resource;
import dev.authplane.core.resource.ResourceRepository;
import dev.authplane.core.storage.DuplicateKeyException;
import dev.authplane.core.support.IdGenerator;
import dev.authplane.core.support.Slugs;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Administration of resources, clients, issuances and keys (the admin API (authplane-servlet README)): the one service behind the
 * programmatic, HTTP and CLI admin surfaces.
 *
 * <p>Refusals are {@link AdminException}s whose message is written for an operator. Storage
 * failures propagate as {@link dev.authplane.core.storage.StorageException} for the transport to
 * map. A client secret is generated here ({@link IdGenerator#newClientSecret()}), returned once in
 * a {@link CreatedClient} and stored only as its bcrypt hash. Disabling a client or rotating its
 * secret takes effect for the next token request. Thread-safe.
 */
public final class AdminService {

    private final AuthPlaneConfig config;
    private final ClientRepository clients;
    private final ResourceRepository resources;
    private final IssuanceRepository issuances;
    private final KeyManager keys;
    private final ClientSecretHasher hasher;
    private final Clock clock;
    private final IdGenerator ids;

    public AdminService(AuthPlaneConfig config, ClientRepository clients, ResourceRepository resources,
                        IssuanceRepository issuances, KeyManager keys, ClientSecretHasher hasher, Clock clock,
                        IdGenerator ids) {
        this.config = Objects.requireNonNull(config, "config");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.resources = Objects.requireNonNull(resources, "resources");
        this.issuances = Objects.requireNonNull(issuances, "issuances");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /**
     * Registers a resource.
     *
     * @throws AdminException {@code INVALID} for a bad slug, URI, backend kind or scope list;
     *                        {@code CONFLICT} when the slug or URI is taken
     */
    public Resource createResource(NewResource r) {
        Objects.requireNonNull(r, "resource");
        BackendKind kind = valid(() -> BackendKind.fromValue(r.backendKind() == null ? "mint" : r.backendKind()));
        Instant now = now();
        Resource resource = valid(() -> Resource.builder().id(ids.newResourceId()).slug(r.slug()).uri(r.uri())
                .backendKind(kind).scopes(r.scopes()).createdAt(now).updatedAt(now).build());
        if (resources.findBySlug(resource.slug()).isPresent()) {
            throw AdminException.conflict("a resource with slug '" + resource.slug() + "' already exists");
        }
        if (resources.findByUri(resource.uri()).isPresent()) {
            throw AdminException.conflict("a resource with URI " + resource.uri() + " already exists");
        }
        unique(() -> resources.insert(resource), "a resource with this slug or URI already exists");
        return resource;
    }

    /** Every resource, ordered by slug. */
    public List<Resource> listResources() {
        return resources.findAll();
    }

    /** @throws AdminException {@code NOT_FOUND} when neither a slug nor an id matches */
    public Resource getResource(String slugOrId) {
        Objects.requireNonNull(slugOrId, "slugOrId");
        return resources.findBySlug(slugOrId).or(() -> resources.findById(slugOrId))
                .orElseThrow(() -> AdminException.notFound("no resource with slug or id '" + Text.printable(slugOrId) + "'"));
    }

    /** @throws AdminException {@code NOT_FOUND} when neither a slug nor an id matches */
    public void deleteResource(String slugOrId) {
        resources.delete(getResource(slugOrId).id());
    }

    /**
     * Registers a client and generates its secret.
     *
     * @return the client and its plaintext secret, which is not stored and cannot be shown again
     * @throws AdminException {@code INVALID} for a bad name (also one that could be read as a
     *                        {@code client_id}), an unknown grant type or auth method, a resource
     *                        list naming an unregistered slug, or a grant that is disabled on this
     *                        server (the message names the setting and the environment variable);
     *                        {@code CONFLICT} when the name is taken
     */
    public CreatedClient createClient(NewClient c) {
        Objects.requireNonNull(c, "client");
        checkGrantTypes(c);
        ClientAuthMethod method = valid(() -> ClientAuthMethod.fromValue(
                c.authMethod() == null ? ClientAuthMethod.CLIENT_SECRET_BASIC.value() : c.authMethod()));
        checkName(c.name());
        if (clients.findByName(c.name()).isPresent()) {
            throw AdminException.conflict("a client named '" + Text.printable(c.name()) + "' already exists");
        }
        List<String> resourceList = registeredSlugs(c.resources());
        String secret = ids.newClientSecret();
        Instant now = now();
        Client client = valid(() -> Client.builder().clientId(newClientId()).name(c.name())
                .secretHash(hasher.hash(secret)).grantTypes(c.grantTypes()).authMethod(method).scopes(c.scopes())
                .resources(resourceList).status(ClientStatus.ACTIVE).createdAt(now).updatedAt(now).build());
        unique(() -> clients.insert(client), "a client named '" + client.name() + "' already exists");
        return new CreatedClient(client, secret);
    }

    /** Every client, ordered by name. */
    public List<Client> listClients() {
        return clients.findAll();
    }

    /** @throws AdminException {@code NOT_FOUND} when neither a client_id nor a name matches */
    public Client getClient(String clientIdOrName) {
        Objects.requireNonNull(clientIdOrName, "clientIdOrName");
        return clients.findByClientId(clientIdOrName).or(() -> clients.findByName(clientIdOrName))
                .orElseThrow(() -> AdminException.notFound("no client with client_id or name '"
                        + Text.printable(clientIdOrName) + "'"));
    }

    /**
     * Replaces the client's secret; the old one stops working for the next request.
     *
     * @return the client and its new plaintext secret, shown once
     */
    public CreatedClient rotateSecret(String clientIdOrName) {
        String secret = ids.newClientSecret();
        Client updated = change(clientIdOrName, b -> b.secretHash(hasher.hash(secret)));
        return new CreatedClient(updated, secret);
    }

    /**
     * Replaces the client's scopes, its resource list or both; its next token request sees them
     * (tokens already issued keep theirs until they expire).
     *
     * @throws AdminException {@code INVALID} for an invalid scope or an unregistered resource slug,
     *                        {@code NOT_FOUND} for an unknown client
     */
    public Client updateClient(String clientIdOrName, ClientChanges changes) {
        Objects.requireNonNull(changes, "changes");
        List<String> resourceList = changes.resources() == null ? null : registeredSlugs(changes.resources());
        return valid(() -> change(clientIdOrName, b -> {
            if (changes.scopes() != null) {
                b.scopes(changes.scopes());
            }
            return resourceList == null ? b : b.resources(resourceList);
        }));
    }

    /** Disables the client: its next token request fails with {@code invalid_client}. */
    public Client disableClient(String clientIdOrName) {
        return change(clientIdOrName, b -> b.status(ClientStatus.DISABLED));
    }

    /** Enables a disabled client again. */
    public Client enableClient(String clientIdOrName) {
        return change(clientIdOrName, b -> b.status(ClientStatus.ACTIVE));
    }

    /** @throws AdminException {@code NOT_FOUND} when neither a client_id nor a name matches */
    public void deleteClient(String clientIdOrName) {
        clients.delete(getClient(clientIdOrName).clientId());
    }

    /**
     * Issuance rows matching {@code q}, newest first. The query's client may be given by
     * {@code client_id} or by name: a registered client's name resolves to its id first, so the
     * rows shown are that one client's, even when an earlier client used the same name; a value
     * that names no registered client is taken as the id of a deleted one.
     */
    public List<Issuance> listIssuances(IssuanceQuery q) {
        Objects.requireNonNull(q, "query");
        if (q.client() == null) {
            return issuances.find(q);
        }
        String clientId = clients.findByClientId(q.client()).or(() -> clients.findByName(q.client()))
                .map(Client::clientId).orElse(q.client());
        return issuances.find(new IssuanceQuery(clientId, q.resource(), q.since(), q.until(), q.limit()));
    }

    /** Every signing key, active first. */
    public List<KeyInfo> listKeys() {
        return keys.list();
    }

    /** Rotates the signing key now; see {@link KeyManager#rotate()}. */
    public KeyInfo rotateKey() {
        return keys.rotate();
    }

    /**
     * Revokes a signing key (see {@link KeyManager#revoke}); an active key is replaced first.
     *
     * @return the key that is active afterwards
     * @throws AdminException {@code NOT_FOUND} when no key has that kid
     */
    public KeyInfo revokeKey(String kid) {
        Objects.requireNonNull(kid, "kid");
        if (!keys.revoke(kid)) {
            throw AdminException.notFound("no signing key with kid '" + Text.printable(kid) + "'");
        }
        return keys.list().get(0);
    }

    private void checkGrantTypes(NewClient c) {
        if (c.grantTypes().isEmpty()) {
            throw AdminException.invalid("a client needs at least one grant type; accepted: client_credentials");
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

    /** The resource list as given, each slug well-formed and registered; duplicates dropped. */
    private List<String> registeredSlugs(List<String> slugs) {
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

    private Client change(String clientIdOrName, UnaryOperator<Client.Builder> edit) {
        Client current = getClient(clientIdOrName);
        Client updated = edit.apply(current.toBuilder()).updatedAt(now()).build();
        if (!clients.update(updated)) {
            throw AdminException.notFound("client '" + current.name() + "' was deleted meanwhile");
        }
        return updated;
    }

    private static <T> T valid(Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw AdminException.invalid(e.getMessage());
        }
    }

    private static void unique(Runnable insert, String conflict) {
        try {
            insert.run();
        } catch (DuplicateKeyException e) {
            throw AdminException.conflict(conflict);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
