package dev.authplane.core.lifecycle;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An RFC 7662 §2.2 introspection answer: {@code {"active": false}} alone, or {@code active: true}
 * with the token's claims ({@code scope}, {@code client_id}, {@code sub}, {@code aud}, {@code iss},
 * {@code exp}, {@code iat}, {@code nbf}, {@code jti}, {@code token_type}, {@code cnf}).
 */
public record Introspection(boolean active, Map<String, Object> claims) {

    private static final Introspection INACTIVE = new Introspection(false, Map.of());

    public Introspection {
        claims = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(claims, "claims")));
        if (!active && !claims.isEmpty()) {
            throw new IllegalArgumentException("an inactive answer carries no claims");
        }
    }

    /** The answer for every token that is not active, whatever the reason (the reason is only logged). */
    public static Introspection inactive() {
        return INACTIVE;
    }

    /** The JSON members of the answer, {@code active} first. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("active", active);
        json.putAll(claims);
        return json;
    }
}
