package dev.authplane.core.token;

import dev.authplane.core.client.Client;
import dev.authplane.core.resource.Resource;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link TokenCustomizer} sees of the token being minted: read-only facts about the request
 * and a place to add extra claims. Not thread-safe; used by one minting operation.
 */
public final class TokenContext {

    /**
     * Claims the server sets and a customizer may not: {@code iss}, {@code sub}, {@code aud},
     * {@code exp}, {@code nbf}, {@code iat}, {@code jti}, {@code cnf}, {@code client_id},
     * {@code scope}.
     */
    public static final Set<String> RESERVED_CLAIMS =
            Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "cnf", "client_id", "scope");

    private final MintRequest request;
    private final String jti;
    private final Instant issuedAt;
    private final Instant expiresAt;
    private final Map<String, Object> claims = new LinkedHashMap<>();

    TokenContext(MintRequest request, String jti, Instant issuedAt, Instant expiresAt) {
        this.request = Objects.requireNonNull(request, "request");
        this.jti = Objects.requireNonNull(jti, "jti");
        this.issuedAt = Objects.requireNonNull(issuedAt, "issuedAt");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** The authenticated client the token is for. */
    public Client client() {
        return request.client();
    }

    /** The target resource; empty when the audience is the issuer itself. */
    public Optional<Resource> resource() {
        return Optional.ofNullable(request.resource());
    }

    /** The token's {@code aud}. */
    public String audience() {
        return request.audience();
    }

    /** The granted scopes, sorted. */
    public List<String> scopes() {
        return request.scopes();
    }

    /** The grant type, e.g. {@code client_credentials}. */
    public String grantType() {
        return request.grantType();
    }

    /** The DPoP key thumbprint the token is bound to, if any. */
    public Optional<String> dpopJkt() {
        return Optional.ofNullable(request.dpopJkt());
    }

    /** The token's {@code jti}. */
    public String jti() {
        return jti;
    }

    /** The token's {@code iat}. */
    public Instant issuedAt() {
        return issuedAt;
    }

    /** The token's {@code exp}. */
    public Instant expiresAt() {
        return expiresAt;
    }

    /**
     * Adds or replaces a custom claim.
     *
     * @param name  a claim name outside {@link #RESERVED_CLAIMS}
     * @param value a JSON value: {@link String}, {@link Number}, {@link Boolean}, {@link List} or {@link Map}
     * @throws IllegalArgumentException for a reserved name or an unsupported value type
     */
    public TokenContext claim(String name, Object value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isBlank() || RESERVED_CLAIMS.contains(name)) {
            throw new IllegalArgumentException("claim '" + name + "' is reserved and set by the server");
        }
        if (!(value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof List || value instanceof Map)) {
            throw new IllegalArgumentException("claim '" + name + "' must be a JSON value");
        }
        claims.put(name, value);
        return this;
    }

    /** The custom claims added so far. */
    public Map<String, Object> claims() {
        return Collections.unmodifiableMap(claims);
    }
}
