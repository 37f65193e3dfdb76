package dev.authplane.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authplane.core.admin.ClientChanges;
import dev.authplane.core.admin.NewClient;
import dev.authplane.core.admin.NewResource;
import dev.authplane.core.audit.AdminEventQuery;
import dev.authplane.core.audit.IssuanceQuery;
import dev.authplane.core.config.Durations;
import dev.authplane.core.scope.ScopeDefinition;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns admin API input (JSON bodies, query strings) into core's typed requests. Unknown fields
 * and wrong types are refused, so a typo ({@code "scope"} for {@code "scopes"}) is an error rather
 * than a silently empty list. Every refusal is an {@link AdminProblem} (400) naming the field.
 */
final class AdminInput {

    private static final Set<String> RESOURCE_FIELDS = Set.of("slug", "uri", "backend_kind", "scopes");
    private static final Set<String> CLIENT_FIELDS = Set.of("name", "grant_types", "token_endpoint_auth_method", "scopes",
            "resources", "jwks", "jwks_uri", "introspect", "secret_expires_in", "token_lifetime");
    private static final Set<String> KEY_FIELDS = Set.of("jwks", "jwks_uri");
    private static final Set<String> CLIENT_UPDATE_FIELDS = Set.of("scopes", "resources", "token_lifetime");
    private static final Set<String> ROTATION_FIELDS = Set.of("keep_old_for", "secret_expires_in");
    private static final Set<String> ISSUANCE_PARAMS = Set.of("client", "resource", "since", "until", "limit",
            "revoked");

    private AdminInput() {
    }

    /** {@code {"slug", "uri", "backend_kind"?, "scopes"?}}. */
    static NewResource newResource(byte[] body) {
        JsonNode json = object(body, RESOURCE_FIELDS);
        return new NewResource(requiredText(json, "slug"), requiredText(json, "uri"),
                optionalText(json, "backend_kind"), scopes(json));
    }

    /**
     * {@code {"name", "grant_types", "token_endpoint_auth_method"?, "scopes"?, "resources"?, "jwks"?,
     * "jwks_uri"?, "introspect"?, "secret_expires_in"?, "token_lifetime"?}}; {@code jwks} is a JWK
     * Set object (RFC 7591 §2); the two periods are durations such as {@code "90d"} and {@code "15m"}.
     */
    static NewClient newClient(byte[] body) {
        JsonNode json = object(body, CLIENT_FIELDS);
        List<String> resources = json.has("resources") ? textArray(json, "resources") : List.of();
        return new NewClient(requiredText(json, "name"), new LinkedHashSet<>(textArray(json, "grant_types")),
                optionalText(json, "token_endpoint_auth_method"), scopes(json), resources, jwks(json),
                optionalText(json, "jwks_uri"), optionalBoolean(json, "introspect"),
                optionalDuration(json, "secret_expires_in"), optionalDuration(json, "token_lifetime"));
    }

    /**
     * {@code {"keep_old_for"?, "secret_expires_in"?}} or no body: how long the replaced secret keeps
     * working (default 0s) and how long the new one works (default: no expiry). POST rotate-secret.
     */
    static Rotation rotation(byte[] body) {
        if (body.length == 0) {
            return new Rotation(Duration.ZERO, null);
        }
        JsonNode json = object(body, ROTATION_FIELDS);
        Duration keep = optionalDuration(json, "keep_old_for");
        return new Rotation(keep == null ? Duration.ZERO : keep, optionalDuration(json, "secret_expires_in"));
    }

    /** The periods of a secret rotation. */
    record Rotation(Duration keepOldFor, Duration secretExpiresIn) {
    }

    /** {@code secret_expires_within}: a duration such as {@code 14d}, or {@code null} when not asked. */
    static Duration secretExpiresWithin(String rawQuery) {
        Map<String, String> params = query(rawQuery);
        for (String name : params.keySet()) {
            if (!name.equals("secret_expires_within")) {
                throw AdminProblem.invalid("unknown query parameter " + FormDecoding.printableName(name)
                        + "; accepted: secret_expires_within");
            }
        }
        String value = params.get("secret_expires_within");
        return value == null ? null : duration(value, "secret_expires_within");
    }

    /** {@code {"jwks"}} or {@code {"jwks_uri"}}: a {@code private_key_jwt} client's new keys. PUT of its keys. */
    static String[] clientKeys(byte[] body) {
        JsonNode json = object(body, KEY_FIELDS);
        return new String[] {jwks(json), optionalText(json, "jwks_uri")};
    }

    /** The {@code jwks} field as JSON text, or {@code null}; core validates the keys. */
    private static String jwks(JsonNode json) {
        JsonNode node = json.get("jwks");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw AdminProblem.invalid("field 'jwks' must be a JWK Set object: {\"keys\": [...]}");
        }
        return node.toString();
    }

    /**
     * {@code {"scopes"?, "resources"?, "token_lifetime"?}}, at least one: the client's new scope
     * list and resource list by slug, each replacing the current one ({@code "resources": []} clears
     * the list), and its own token lifetime ({@code null}: back to the server default). PATCH of a client.
     */
    static ClientChanges clientUpdate(byte[] body) {
        JsonNode json = object(body, CLIENT_UPDATE_FIELDS);
        if (json.isEmpty()) {
            throw AdminProblem.invalid("give 'scopes', 'resources', 'token_lifetime' or several");
        }
        Duration lifetime = !json.has("token_lifetime") ? null
                : json.get("token_lifetime").isNull() ? Duration.ZERO : optionalDuration(json, "token_lifetime");
        return new ClientChanges(json.has("scopes") ? scopes(json) : null,
                json.has("resources") ? textArray(json, "resources") : null, lifetime);
    }

    /**
     * {@code client}, {@code resource}, {@code since}, {@code until}, {@code limit}. A time bound is
     * an ISO-8601 instant or a duration back from {@code now} ({@code 24h}); {@code since} defaults
     * to 24 hours ago and {@code limit} to 20 (at most 5000).
     */
    static IssuanceQuery issuanceQuery(String rawQuery, Instant now) {
        Map<String, String> params = query(rawQuery);
        for (String name : params.keySet()) {
            if (!ISSUANCE_PARAMS.contains(name)) {
                throw AdminProblem.invalid("unknown query parameter " + FormDecoding.printableName(name)
                        + "; accepted: client, resource, since, until, limit, revoked");
            }
        }
        Instant since = params.containsKey("since") ? instant(params.get("since"), now, "since")
                : now.minus(IssuanceQuery.DEFAULT_WINDOW);
        Instant until = params.containsKey("until") ? instant(params.get("until"), now, "until") : null;
        int limit = params.containsKey("limit") ? limit(params.get("limit")) : IssuanceQuery.DEFAULT_LIMIT;
        String revoked = params.getOrDefault("revoked", "false");
        if (!revoked.equals("true") && !revoked.equals("false")) {
            throw AdminProblem.invalid("revoked must be true or false");
        }
        try {
            return new IssuanceQuery(blankToNull(params.get("client")), blankToNull(params.get("resource")),
                    since, until, limit, revoked.equals("true"));
        } catch (IllegalArgumentException e) {
            throw AdminProblem.invalid(e.getMessage());
        }
    }

    /** {@code GET /audit}: {@code since} (instant or duration back, default 7 days) and {@code limit} (default 20). */
    static AdminEventQuery auditQuery(String rawQuery, Instant now) {
        Map<String, String> params = query(rawQuery);
        for (String name : params.keySet()) {
            if (!name.equals("since") && !name.equals("limit")) {
                throw AdminProblem.invalid("unknown query parameter " + FormDecoding.printableName(name)
                        + "; accepted: since, limit");
            }
        }
        Instant since = params.containsKey("since") ? instant(params.get("since"), now, "since")
                : now.minus(AdminEventQuery.DEFAULT_WINDOW);
        int limit = params.containsKey("limit") ? limit(params.get("limit")) : IssuanceQuery.DEFAULT_LIMIT;
        try {
            return new AdminEventQuery(since, limit);
        } catch (IllegalArgumentException e) {
            throw AdminProblem.invalid(e.getMessage());
        }
    }

    private static JsonNode object(byte[] body, Set<String> accepted) {
        JsonNode json;
        try {
            json = Json.readObject(body);
        } catch (IllegalArgumentException e) {
            throw AdminProblem.invalid(e.getMessage());
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!accepted.contains(name)) {
                throw AdminProblem.invalid("unknown field " + FormDecoding.printableName(name)
                        + "; accepted: " + String.join(", ", accepted.stream().sorted().toList()));
            }
        }
        return json;
    }

    private static String requiredText(JsonNode json, String field) {
        String value = optionalText(json, field);
        if (value == null) {
            throw AdminProblem.invalid("field '" + field + "' is required");
        }
        return value;
    }

    private static boolean optionalBoolean(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw AdminProblem.invalid("field '" + field + "' must be true or false");
        }
        return node.asBoolean();
    }

    private static String optionalText(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw AdminProblem.invalid("field '" + field + "' must be a string");
        }
        return node.asText();
    }

    private static Duration optionalDuration(JsonNode json, String field) {
        String value = optionalText(json, field);
        return value == null ? null : duration(value, field);
    }

    private static Duration duration(String value, String field) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw AdminProblem.invalid("'" + field + "' must be a duration such as 90s, 15m, 24h or 90d");
        }
    }

    private static List<String> textArray(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            throw AdminProblem.invalid("field '" + field + "' is required");
        }
        if (!node.isArray()) {
            throw AdminProblem.invalid("field '" + field + "' must be an array of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw AdminProblem.invalid("field '" + field + "' must be an array of strings");
            }
            values.add(item.asText());
        }
        return values;
    }

    /** Scopes as {@code "name|upstream|description"} strings (the admin API (authplane-servlet README)) or {@code {"name", "description"}} objects. */
    private static List<ScopeDefinition> scopes(JsonNode json) {
        JsonNode node = json.get("scopes");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw AdminProblem.invalid("field 'scopes' must be an array");
        }
        List<ScopeDefinition> scopes = new ArrayList<>();
        try {
            node.forEach(item -> scopes.add(scope(item)));
        } catch (IllegalArgumentException e) {
            throw AdminProblem.invalid(e.getMessage());
        }
        return scopes;
    }

    private static ScopeDefinition scope(JsonNode item) {
        if (item.isTextual()) {
            return ScopeDefinition.parse(item.asText());
        }
        JsonNode name = item.get("name");
        JsonNode description = item.get("description");
        boolean valid = item.isObject() && name != null && name.isTextual() && item.size() <= 2
                && (description == null || description.isTextual()) && (item.size() == 1 || description != null);
        if (!valid) {
            throw AdminProblem.invalid("each scope must be \"name|upstream|description\" or {\"name\", \"description\"}");
        }
        return new ScopeDefinition(name.asText(), description == null ? "" : description.asText());
    }

    private static Map<String, String> query(String rawQuery) {
        try {
            return FormDecoding.parseForm(rawQuery == null ? new byte[0] : rawQuery.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw AdminProblem.invalid(e.getMessage());
        }
    }

    private static Instant instant(String value, Instant now, String name) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return now.minus(Durations.parse(value));
            } catch (IllegalArgumentException notADuration) {
                throw AdminProblem.invalid("'" + name + "' must be an ISO-8601 instant or a duration such as 24h");
            }
        }
    }

    private static int limit(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw AdminProblem.invalid("'limit' must be a whole number from 1 to " + IssuanceQuery.MAX_LIMIT);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
