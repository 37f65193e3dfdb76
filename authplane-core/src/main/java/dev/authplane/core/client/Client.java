package dev.authplane.core.client;

import dev.authplane.core.scope.ScopeDefinition;
import dev.authplane.core.support.Slugs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A registered confidential OAuth client (the domain model (README, admin CLI)). Immutable; build one with {@link #builder()}
 * or derive a changed copy with {@link #toBuilder()}. A client that authenticates with a secret
 * holds only its bcrypt hash, never the secret itself, and {@link #toString()} omits even the hash;
 * a {@code private_key_jwt} client holds its public keys ({@link #keys()}) and no secret at all.
 */
public final class Client {

    private static final int MAX_ID_LENGTH = 128;
    private static final int MAX_NAME_LENGTH = 100;

    private final String clientId;
    private final String name;
    private final String secretHash;
    private final Set<String> grantTypes;
    private final ClientAuthMethod authMethod;
    private final ClientKeys keys;
    private final List<ScopeDefinition> scopes;
    private final Set<String> resources;
    private final boolean introspect;
    private final SecretValidity secretValidity;
    private final Duration tokenLifetime;
    private final ClientStatus status;
    private final Instant createdAt;
    private final Instant updatedAt;

    private Client(Builder b) {
        this.clientId = requireText(b.clientId, "clientId", MAX_ID_LENGTH);
        this.name = requireText(b.name, "name", MAX_NAME_LENGTH);
        this.authMethod = Objects.requireNonNull(b.authMethod, "authMethod");
        this.secretHash = b.secretHash;
        this.keys = b.keys;
        if (authMethod.usesSecret() && (secretHash == null || secretHash.isBlank() || keys != null)) {
            throw new IllegalArgumentException("a " + authMethod.value() + " client has a secret hash and no keys");
        }
        if (!authMethod.usesSecret() && (secretHash != null || keys == null)) {
            throw new IllegalArgumentException("a private_key_jwt client has public keys (jwks or jwks_uri) and no secret");
        }
        this.grantTypes = Set.copyOf(new LinkedHashSet<>(b.grantTypes));
        this.introspect = b.introspect;
        if (grantTypes.isEmpty() && !introspect) {
            throw new IllegalArgumentException("a client needs a grant type or the right to introspect tokens");
        }
        this.secretValidity = Objects.requireNonNull(b.secretValidity, "secretValidity");
        if (!authMethod.usesSecret() && secretValidity != SecretValidity.NONE) {
            throw new IllegalArgumentException("a private_key_jwt client has no secret to expire or keep");
        }
        this.tokenLifetime = b.tokenLifetime;
        if (tokenLifetime != null && (tokenLifetime.isNegative() || tokenLifetime.isZero())) {
            throw new IllegalArgumentException("token lifetime must be positive");
        }
        this.scopes = List.copyOf(b.scopes);
        Set<String> seen = new HashSet<>();
        for (ScopeDefinition s : scopes) {
            if (!seen.add(s.name())) {
                throw new IllegalArgumentException("scope '" + s.name() + "' is registered twice");
            }
        }
        b.resources.forEach(Slugs::require);
        this.resources = Collections.unmodifiableSet(new TreeSet<>(b.resources));
        this.status = Objects.requireNonNull(b.status, "status");
        this.createdAt = Objects.requireNonNull(b.createdAt, "createdAt");
        this.updatedAt = b.updatedAt == null ? createdAt : b.updatedAt;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with this client's values. */
    public Builder toBuilder() {
        return new Builder().clientId(clientId).name(name).secretHash(secretHash).grantTypes(grantTypes)
                .authMethod(authMethod).keys(keys).scopes(scopes).resources(resources).introspect(introspect).secretValidity(secretValidity).tokenLifetime(tokenLifetime)
                .status(status).createdAt(createdAt).updatedAt(updatedAt);
    }

    public String clientId() {
        return clientId;
    }

    /** Unique human name, e.g. {@code backend-worker}. */
    public String name() {
        return name;
    }

    /** The bcrypt hash of the client secret (never the secret); {@code null} for a {@code private_key_jwt} client. */
    public String secretHash() {
        return secretHash;
    }

    /** The public keys of a {@code private_key_jwt} client; {@code null} for a client with a secret. */
    public ClientKeys keys() {
        return keys;
    }

    public Set<String> grantTypes() {
        return grantTypes;
    }

    public boolean hasGrantType(String grantType) {
        return grantTypes.contains(grantType);
    }

    public ClientAuthMethod authMethod() {
        return authMethod;
    }

    /** Registered scopes in registration order. */
    public List<ScopeDefinition> scopes() {
        return scopes;
    }

    /** The names of the registered scopes. */
    public Set<String> scopeNames() {
        Set<String> names = new LinkedHashSet<>();
        scopes.forEach(s -> names.add(s.name()));
        return names;
    }

    /**
     * The slugs of the resources this client may request tokens for, sorted; empty when the client
     * has no list (it may then ask for any registered resource unless the server requires a list).
     */
    public Set<String> resources() {
        return resources;
    }

    /**
     * Whether a token for the resource {@code slug} is within this client's resource list: always
     * when the client has no list, otherwise only for a listed slug.
     */
    public boolean mayTarget(String slug) {
        return resources.isEmpty() || resources.contains(slug);
    }

    /**
     * Whether the client may call the introspection endpoint (RFC 7662), for tokens whose audience
     * is one of its {@link #resources()}.
     */
    public boolean mayIntrospect() {
        return introspect;
    }

    /** When the secret expires and which replaced secret still works; {@link SecretValidity#NONE} by default. */
    public SecretValidity secretValidity() {
        return secretValidity;
    }

    /** The lifetime of this client's access tokens, when it has one of its own (else the server default). */
    public Optional<Duration> tokenLifetime() {
        return Optional.ofNullable(tokenLifetime);
    }

    public ClientStatus status() {
        return status;
    }

    public boolean isActive() {
        return status == ClientStatus.ACTIVE;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Client c && clientId.equals(c.clientId) && name.equals(c.name)
                && Objects.equals(secretHash, c.secretHash) && grantTypes.equals(c.grantTypes)
                && authMethod == c.authMethod && Objects.equals(keys, c.keys) && scopes.equals(c.scopes) && resources.equals(c.resources)
                && introspect == c.introspect && secretValidity.equals(c.secretValidity)
                && Objects.equals(tokenLifetime, c.tokenLifetime) && status == c.status
                && createdAt.equals(c.createdAt) && updatedAt.equals(c.updatedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(clientId, name, secretHash, grantTypes, authMethod, keys, scopes, resources, introspect,
                secretValidity, tokenLifetime, status, createdAt, updatedAt);
    }

    @Override
    public String toString() {
        return "Client[clientId=" + clientId + ", name=" + name + ", status=" + status + "]";
    }

    private static String requireText(String value, String field, int maxLength) {
        Objects.requireNonNull(value, field);
        if (value.isBlank() || value.length() > maxLength
                || value.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            throw new IllegalArgumentException(field + " must be 1-" + maxLength
                    + " characters without control characters");
        }
        return value;
    }

    /** Validating builder; {@link #build()} throws {@link IllegalArgumentException} on bad input. */
    public static final class Builder {
        private String clientId;
        private String name;
        private String secretHash;
        private final Set<String> grantTypes = new LinkedHashSet<>();
        private ClientAuthMethod authMethod = ClientAuthMethod.CLIENT_SECRET_BASIC;
        private ClientKeys keys;
        private final List<ScopeDefinition> scopes = new ArrayList<>();
        private final Set<String> resources = new LinkedHashSet<>();
        private boolean introspect;
        private SecretValidity secretValidity = SecretValidity.NONE;
        private Duration tokenLifetime;
        private ClientStatus status = ClientStatus.ACTIVE;
        private Instant createdAt;
        private Instant updatedAt;

        private Builder() {
        }

        /** Allows the client to introspect tokens for its resources (default: not allowed). */
        public Builder introspect(boolean introspect) {
            this.introspect = introspect;
            return this;
        }

        /** When the secret expires and which replaced secret still works (default {@link SecretValidity#NONE}). */
        public Builder secretValidity(SecretValidity secretValidity) {
            this.secretValidity = secretValidity;
            return this;
        }

        /** The client's own access-token lifetime, or {@code null} for the server default. */
        public Builder tokenLifetime(Duration tokenLifetime) {
            this.tokenLifetime = tokenLifetime;
            return this;
        }

        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder secretHash(String secretHash) {
            this.secretHash = secretHash;
            return this;
        }

        public Builder grantTypes(Collection<String> grantTypes) {
            this.grantTypes.clear();
            this.grantTypes.addAll(grantTypes);
            return this;
        }

        public Builder authMethod(ClientAuthMethod authMethod) {
            this.authMethod = authMethod;
            return this;
        }

        /** The public keys of a {@code private_key_jwt} client ({@code null} for a client with a secret). */
        public Builder keys(ClientKeys keys) {
            this.keys = keys;
            return this;
        }

        public Builder scopes(Collection<ScopeDefinition> scopes) {
            this.scopes.clear();
            this.scopes.addAll(scopes);
            return this;
        }

        /** The client's resource list by slug; empty for none. */
        public Builder resources(Collection<String> resources) {
            this.resources.clear();
            this.resources.addAll(resources);
            return this;
        }

        public Builder status(ClientStatus status) {
            this.status = status;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        public Client build() {
            return new Client(this);
        }
    }
}
