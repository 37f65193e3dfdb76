package dev.authplane.core.admin;

import dev.authplane.core.audit.AdminAction;
import dev.authplane.core.audit.AdminActor;
import dev.authplane.core.audit.AdminAuditLog;
import dev.authplane.core.audit.AdminEvent;
import dev.authplane.core.audit.AdminEventQuery;
import dev.authplane.core.audit.Issuance;
import dev.authplane.core.audit.IssuanceQuery;
import dev.authplane.core.audit.IssuanceRepository;
import dev.authplane.core.client.Client;
import dev.authplane.core.client.ClientKeys;
import dev.authplane.core.client.ClientRepository;
import dev.authplane.core.client.ClientSecretHasher;
import dev.authplane.core.client.ClientStatus;
import dev.authplane.core.config.AuthPlaneConfig;
import dev.authplane.core.config.Durations;
import dev.authplane.core.key.KeyInfo;
import dev.authplane.core.key.KeyManager;
import dev.authplane.core.lifecycle.TokenRevocation;
import dev.authplane.core.observe.AuthPlaneObserver;
import dev.authplane.core.resource.BackendKind;
import dev.authplane.core.resource.Resource;
import dev.authplane.core.resource.ResourceRepository;
import dev.authplane.core.storage.DuplicateKeyException;
import dev.authplane.core.support.IdGenerator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Administration of resources, clients, issuances and keys (the admin API (authplane-servlet README)): the one service behind the
 * programmatic, HTTP and CLI admin surfaces.
 *
 * <p>Refusals are {@link AdminException}s whose message is written for an operator. Storage
 * failures propagate as {@link dev.authplane.core.storage.StorageException} for the transport to
 * map. A client secret is generated here ({@link IdGenerator#newClientSecret()}), returned once in
 * a {@link CreatedClient} and stored only as its bcrypt hash. Disabling a client or rotating its
 * secret takes effect for the next token request.
 *
 * <p>Every change is an event in the admin audit trail ({@link AdminAuditLog}), durable in the
 * same transaction as the change and attributed to this service's {@link AdminActor}: the
 * instance {@code AuthPlane.admin()} returns acts as {@link AdminActor#EMBEDDED}; an admin API
 * asks {@link #by(AdminActor)} for one per request. Thread-safe.
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
    private final ClientRegistration registration;
    private final TokenRevocation revocation;
    private final AuditTrail trail;
    private final AdminActor actor;

    /**
     * @param fetchesJwksUri whether this server fetches {@code jwks_uri} documents (a
     *                       {@link dev.authplane.core.client.JwksFetcher} is wired); when not, a
     *                       {@code jwks_uri} is refused at registration
     */
    public AdminService(AuthPlaneConfig config, ClientRepository clients, ResourceRepository resources,
                        IssuanceRepository issuances, KeyManager keys, ClientSecretHasher hasher, Clock clock,
                        IdGenerator ids, boolean fetchesJwksUri, TokenRevocation revocation, AdminAuditLog auditLog,
                        AuthPlaneObserver observer) {
        this.config = Objects.requireNonNull(config, "config");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.resources = Objects.requireNonNull(resources, "resources");
        this.issuances = Objects.requireNonNull(issuances, "issuances");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.revocation = Objects.requireNonNull(revocation, "revocation");
        this.registration = new ClientRegistration(config, clients, resources, hasher, ids, fetchesJwksUri);
        this.trail = new AuditTrail(auditLog, observer, ids, clock);
        this.actor = AdminActor.EMBEDDED;
    }

    private AdminService(AdminService shared, AdminActor actor) {
        this.config = shared.config;
        this.clients = shared.clients;
        this.resources = shared.resources;
        this.issuances = shared.issuances;
        this.keys = shared.keys;
        this.hasher = shared.hasher;
        this.clock = shared.clock;
        this.ids = shared.ids;
        this.revocation = shared.revocation;
        this.registration = shared.registration;
        this.trail = shared.trail;
        this.actor = Objects.requireNonNull(actor, "actor");
    }

    /** This service acting for {@code actor}: its changes are attributed to it in the audit trail. */
    public AdminService by(AdminActor actor) {
        return new AdminService(this, actor);
    }

    /** Admin audit events matching {@code query}, newest first. */
    public List<AdminEvent> listAuditEvents(AdminEventQuery query) {
        return trail.log().find(Objects.requireNonNull(query, "query"));
    }

    /**
     * Registers a resource.
     *
     * @throws AdminException {@code INVALID} for a bad slug, URI, backend kind or scope list;
     *                        {@code CONFLICT} when the slug or URI is taken
     */
    public Resource createResource(NewResource r) {
        Objects.requireNonNull(r, "resource");
        BackendKind kind = ClientRegistration.valid(() -> BackendKind.fromValue(r.backendKind() == null ? "mint" : r.backendKind()));
        Instant now = now();
        Resource resource = ClientRegistration.valid(() -> Resource.builder().id(ids.newResourceId()).slug(r.slug()).uri(r.uri())
                .backendKind(kind).scopes(r.scopes()).createdAt(now).updatedAt(now).build());
        if (resources.findBySlug(resource.slug()).isPresent()) {
            throw AdminException.conflict("a resource with slug '" + resource.slug() + "' already exists");
        }
        if (resources.findByUri(resource.uri()).isPresent()) {
            throw AdminException.conflict("a resource with URI " + resource.uri() + " already exists");
        }
        return trail.record(actor, AdminAction.RESOURCE_CREATED, () -> {
            unique(() -> resources.insert(resource), "a resource with this slug or URI already exists");
            return resource;
        }, Resource::slug);
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
        Resource resource = getResource(slugOrId);
        trail.record(actor, AdminAction.RESOURCE_DELETED, () -> {
            resources.delete(resource.id());
            return revocation.revokeResourceTokens(resource.uri(), "resource deleted");
        }, revoked -> resource.slug(), AdminService::revokedNote);
    }

    /**
     * Registers a client: with a generated secret, or with its public keys for {@code private_key_jwt}.
     *
     * @return the client and its plaintext secret (none for {@code private_key_jwt}), which is not
     *         stored and cannot be shown again
     * @throws AdminException {@code INVALID} for a bad name (also one that could be read as a
     *                        {@code client_id}), an unknown grant type or auth method, a resource
     *                        list naming an unregistered slug, missing or invalid public keys
     *                        (or keys for a client with a secret), or a grant that is disabled on this
     *                        server (the message names the setting and the environment variable);
     *                        {@code CONFLICT} when the name is taken
     */
    public CreatedClient createClient(NewClient c) {
        Objects.requireNonNull(c, "client");
        CreatedClient created = registration.build(c, now());
        if (clients.findByName(c.name()).isPresent()) {
            throw AdminException.conflict("a client named '" + Text.printable(c.name()) + "' already exists");
        }
        return trail.record(actor, AdminAction.CLIENT_CREATED, () -> {
            unique(() -> clients.insert(created.client()), "a client named '" + c.name() + "' already exists");
            return created;
        }, r -> r.client().clientId(), r -> "name " + r.client().name());
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
     * @throws AdminException {@code INVALID} for a {@code private_key_jwt} client, which has no secret
     */
    public CreatedClient rotateSecret(String clientIdOrName) {
        return rotateSecret(clientIdOrName, Duration.ZERO, null);
    }

    /**
     * Replaces the client's secret without cutting off the callers that still hold the old one:
     * it keeps working for {@code keepOldFor} (never beyond its own expiry), then stops at once on
     * every node. A secret replaced earlier and still in its grace period stops now.
     *
     * @param keepOldFor how long the old secret keeps working, 0 to 30 days; zero stops it now
     * @param expiresIn  how long the new secret works, or {@code null} for no expiry
     * @return the client and its new plaintext secret, shown once
     * @throws AdminException {@code INVALID} for a {@code private_key_jwt} client or a period out of bounds
     */
    public CreatedClient rotateSecret(String clientIdOrName, Duration keepOldFor, Duration expiresIn) {
        Objects.requireNonNull(keepOldFor, "keepOldFor");
        Client current = getClient(clientIdOrName);
        if (!current.authMethod().usesSecret()) {
            throw AdminException.invalid("client '" + current.name() + "' authenticates with private_key_jwt and"
                    + " has no secret to rotate; replace its public keys instead (client set-keys)");
        }
        ClientRegistration.checkGracePeriod(keepOldFor);
        if (expiresIn != null) {
            ClientRegistration.checkSecretExpiry(expiresIn);
        }
        String secret = ids.newClientSecret();
        String hash = hasher.hash(secret);
        Instant now = now();
        Client updated = trail.record(actor, AdminAction.CLIENT_SECRET_ROTATED,
                () -> change(clientIdOrName, b -> b.secretHash(hash).secretValidity(
                        current.secretValidity().rotated(current.secretHash(), now, keepOldFor, expiresIn))),
                Client::clientId, c -> keepOldFor.isZero() ? "old secret stopped" : "old secret kept for " + Durations.format(keepOldFor));
        return new CreatedClient(updated, secret);
    }

    /** Clients whose secret expires within {@code window} from now, or has expired; ordered by name. */
    public List<Client> clientsWithSecretExpiringWithin(Duration window) {
        Objects.requireNonNull(window, "window");
        Instant now = now();
        return clients.findAll().stream().filter(c -> c.secretValidity().expiresWithin(window, now)).toList();
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
        List<String> resourceList = changes.resources() == null ? null : registration.registeredSlugs(changes.resources());
        return trail.record(actor, AdminAction.CLIENT_UPDATED, () -> ClientRegistration.valid(() -> change(clientIdOrName, b -> {
            if (changes.scopes() != null) {
                b.scopes(changes.scopes());
            }
            if (changes.tokenLifetime() != null) {
                b.tokenLifetime(changes.tokenLifetime().isZero() ? null
                        : registration.checkTokenLifetime(changes.tokenLifetime()));
            }
            return resourceList == null ? b : b.resources(resourceList);
        })), Client::clientId);
    }

    /**
     * Replaces a {@code private_key_jwt} client's public keys: inline ({@code jwks}) or by reference
     * ({@code jwksUri}), exactly one. Its next assertion is checked against the new keys.
     *
     * @throws AdminException {@code INVALID} for bad keys or a client with a secret, {@code NOT_FOUND}
     */
    public Client setKeys(String clientIdOrName, String jwks, String jwksUri) {
        Client current = getClient(clientIdOrName);
        if (current.authMethod().usesSecret()) {
            throw AdminException.invalid("client '" + current.name() + "' authenticates with "
                    + current.authMethod().value() + "; only a private_key_jwt client has public keys");
        }
        ClientKeys keys = registration.keys(jwks, jwksUri);
        return trail.record(actor, AdminAction.CLIENT_KEYS_REPLACED, () -> change(clientIdOrName, b -> b.keys(keys)),
                Client::clientId);
    }

    /**
     * Disables the client: its next token request fails with {@code invalid_client}, and its
     * unexpired tokens are revoked (enabling it again does not bring them back).
     */
    public Client disableClient(String clientIdOrName) {
        Client[] disabled = new Client[1];
        trail.record(actor, AdminAction.CLIENT_DISABLED, () -> {
            disabled[0] = change(clientIdOrName, b -> b.status(ClientStatus.DISABLED));
            return revocation.revokeClientTokens(disabled[0].clientId(), "client disabled");
        }, revoked -> disabled[0].clientId(), AdminService::revokedNote);
        return disabled[0];
    }

    /** Enables a disabled client again. */
    public Client enableClient(String clientIdOrName) {
        return trail.record(actor, AdminAction.CLIENT_ENABLED, () -> change(clientIdOrName,
                b -> b.status(ClientStatus.ACTIVE)), Client::clientId);
    }

    /** @throws AdminException {@code NOT_FOUND} when neither a client_id nor a name matches */
    public void deleteClient(String clientIdOrName) {
        String clientId = getClient(clientIdOrName).clientId();
        trail.record(actor, AdminAction.CLIENT_DELETED, () -> {
            clients.delete(clientId);
            return revocation.revokeClientTokens(clientId, "client deleted");
        }, revoked -> clientId, AdminService::revokedNote);
    }

    /**
     * Revokes one token (an administrator's revocation).
     *
     * @return its issuance row, now revoked (an earlier revocation is kept as it was)
     * @throws AdminException {@code NOT_FOUND} when no token {@code jti} was issued (or its row was purged)
     */
    public Issuance revokeIssuance(String jti) {
        return trail.record(actor, AdminAction.TOKEN_REVOKED, () -> revocation.revoke(jti, "revoked by an administrator")
                .orElseThrow(() -> AdminException.notFound("no issuance with jti '" + Text.printable(jti) + "'")),
                Issuance::jti, i -> "client_id " + i.clientId());
    }

    /**
     * Revokes every unexpired token of a client.
     *
     * @return how many tokens this call revoked
     * @throws AdminException {@code NOT_FOUND} when neither a client_id nor a name matches
     */
    public int revokeClientTokens(String clientIdOrName) {
        String clientId = getClient(clientIdOrName).clientId();
        return trail.record(actor, AdminAction.CLIENT_TOKENS_REVOKED,
                () -> revocation.revokeClientTokens(clientId, "revoked by an administrator"),
                revoked -> clientId, AdminService::revokedNote);
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
        return trail.record(actor, AdminAction.SIGNING_KEY_ROTATED, keys::rotate, KeyInfo::kid,
                k -> "new active key");
    }

    /**
     * Revokes a signing key (see {@link KeyManager#revoke}); an active key is replaced first.
     *
     * @return the key that is active afterwards
     * @throws AdminException {@code NOT_FOUND} when no key has that kid
     */
    public KeyInfo revokeKey(String kid) {
        Objects.requireNonNull(kid, "kid");
        return trail.record(actor, AdminAction.SIGNING_KEY_REVOKED, () -> {
            if (!keys.revoke(kid)) {
                throw AdminException.notFound("no signing key with kid '" + Text.printable(kid) + "'");
            }
            return keys.list().get(0);
        }, active -> kid, active -> "active key now " + active.kid());
    }

    private Client change(String clientIdOrName, UnaryOperator<Client.Builder> edit) {
        Client current = getClient(clientIdOrName);
        Client updated = edit.apply(current.toBuilder()).updatedAt(now()).build();
        if (!clients.update(updated)) {
            throw AdminException.notFound("client '" + current.name() + "' was deleted meanwhile");
        }
        return updated;
    }

    private static String revokedNote(int revoked) {
        return revoked == 1 ? "1 token revoked" : revoked + " tokens revoked";
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
