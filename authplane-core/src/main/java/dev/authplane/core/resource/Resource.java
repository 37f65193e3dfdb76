package dev.authplane.core.resource;

import dev.authplane.core.scope.ScopeDefinition;
import dev.authplane.core.support.Slugs;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A protected MCP server (the domain model (README, admin CLI)). Its {@link #uri()} is the token audience, byte for byte: no
 * normalisation happens anywhere, so {@code https://mcp.example.com/mcp} and
 * {@code https://mcp.example.com/mcp/} are two different resources.
 */
public final class Resource {

    private static final int MAX_URI_LENGTH = 2048;

    private final String id;
    private final String slug;
    private final String uri;
    private final BackendKind backendKind;
    private final List<ScopeDefinition> scopes;
    private final Instant createdAt;
    private final Instant updatedAt;

    private Resource(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
        this.slug = Slugs.require(Objects.requireNonNull(b.slug, "slug"));
        this.uri = validateUri(Objects.requireNonNull(b.uri, "uri"));
        this.backendKind = Objects.requireNonNull(b.backendKind, "backendKind");
        this.scopes = List.copyOf(b.scopes);
        Set<String> seen = new HashSet<>();
        for (ScopeDefinition s : scopes) {
            if (!seen.add(s.name())) {
                throw new IllegalArgumentException("scope '" + s.name() + "' is listed twice");
            }
        }
        this.createdAt = Objects.requireNonNull(b.createdAt, "createdAt");
        this.updatedAt = b.updatedAt == null ? createdAt : b.updatedAt;
    }

    /**
     * Checks the resource-URI rules: absolute, {@code http} or {@code https}, with a host, no
     * fragment, no user info, at most 2048 characters.
     *
     * @return {@code uri} unchanged
     * @throws IllegalArgumentException naming the rule that failed
     */
    public static String validateUri(String uri) {
        if (uri.isEmpty() || uri.length() > MAX_URI_LENGTH) {
            throw new IllegalArgumentException("resource URI must be 1-" + MAX_URI_LENGTH + " characters");
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("resource URI '" + uri + "' is not a valid URI");
        }
        String scheme = parsed.getScheme();
        if (!parsed.isAbsolute() || !("http".equals(scheme) || "https".equals(scheme))) {
            throw new IllegalArgumentException("resource URI '" + uri + "' must be an absolute http or https URI");
        }
        if (parsed.getHost() == null || parsed.getRawUserInfo() != null) {
            throw new IllegalArgumentException("resource URI '" + uri + "' must have a host and no user info");
        }
        if (parsed.getRawFragment() != null || uri.indexOf('#') >= 0) {
            throw new IllegalArgumentException("resource URI '" + uri + "' must not have a fragment");
        }
        return uri;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().id(id).slug(slug).uri(uri).backendKind(backendKind).scopes(scopes)
                .createdAt(createdAt).updatedAt(updatedAt);
    }

    /** Stable generated identifier. */
    public String id() {
        return id;
    }

    public String slug() {
        return slug;
    }

    /** The resource URI, which is the {@code aud} of every token minted for it. */
    public String uri() {
        return uri;
    }

    public BackendKind backendKind() {
        return backendKind;
    }

    /** The scope catalog, in registration order. */
    public List<ScopeDefinition> scopes() {
        return scopes;
    }

    /** The names of the scopes in the catalog: the most any token for this resource can carry. */
    public Set<String> scopeNames() {
        Set<String> names = new LinkedHashSet<>();
        scopes.forEach(s -> names.add(s.name()));
        return names;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Resource r && id.equals(r.id) && slug.equals(r.slug) && uri.equals(r.uri)
                && backendKind == r.backendKind && scopes.equals(r.scopes) && createdAt.equals(r.createdAt)
                && updatedAt.equals(r.updatedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, slug, uri, backendKind, scopes, createdAt, updatedAt);
    }

    @Override
    public String toString() {
        return "Resource[id=" + id + ", slug=" + slug + ", uri=" + uri + "]";
    }

    /** Validating builder; {@link #build()} throws {@link IllegalArgumentException} on bad input. */
    public static final class Builder {
        private String id;
        private String slug;
        private String uri;
        private BackendKind backendKind = BackendKind.MINT;
        private final List<ScopeDefinition> scopes = new ArrayList<>();
        private Instant createdAt;
        private Instant updatedAt;

        private Builder() {
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder slug(String slug) {
            this.slug = slug;
            return this;
        }

        public Builder uri(String uri) {
            this.uri = uri;
            return this;
        }

        public Builder backendKind(BackendKind backendKind) {
            this.backendKind = backendKind;
            return this;
        }

        public Builder scopes(Collection<ScopeDefinition> scopes) {
            this.scopes.clear();
            this.scopes.addAll(scopes);
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

        public Resource build() {
            return new Resource(this);
        }
    }
}
