package dev.authplane.servlet;

import dev.authplane.core.audit.AdminEvent;
import dev.authplane.core.audit.Issuance;
import dev.authplane.core.admin.CreatedClient;
import dev.authplane.core.client.Client;
import dev.authplane.core.config.Durations;
import dev.authplane.core.key.KeyInfo;
import dev.authplane.core.resource.Resource;
import dev.authplane.core.scope.ScopeDefinition;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The admin API's JSON shapes of the domain types (snake_case names, ISO-8601 instants, lower-case
 * enum values). A client view never holds its secret hash; the plaintext secret is added only by
 * the create and rotate answers.
 */
final class AdminViews {

    private AdminViews() {
    }

    static Map<String, Object> resource(Resource r) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", r.id());
        view.put("slug", r.slug());
        view.put("uri", r.uri());
        view.put("backend_kind", r.backendKind().value());
        view.put("scopes", scopes(r.scopes()));
        view.put("created_at", instant(r.createdAt()));
        view.put("updated_at", instant(r.updatedAt()));
        return view;
    }

    static Map<String, Object> client(Client c) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("client_id", c.clientId());
        view.put("name", c.name());
        view.put("grant_types", List.copyOf(new TreeSet<>(c.grantTypes())));
        view.put("token_endpoint_auth_method", c.authMethod().value());
        if (c.keys() != null) {
            view.put("jwks_uri", c.keys().isRemote() ? c.keys().jwksUri().toString() : null);
            view.put("key_ids", c.keys().keyIds());
        }
        view.put("scopes", scopes(c.scopes()));
        view.put("resources", List.copyOf(c.resources()));
        view.put("introspect", c.mayIntrospect());
        if (c.authMethod().usesSecret()) {
            view.put("secret_expires_at", instant(c.secretValidity().expiresAt()));
            view.put("previous_secret_valid_until", instant(c.secretValidity().previousValidUntil()));
        }
        view.put("token_lifetime", c.tokenLifetime().map(Durations::format).orElse(null));
        view.put("status", c.status().name().toLowerCase(Locale.ROOT));
        view.put("created_at", instant(c.createdAt()));
        view.put("updated_at", instant(c.updatedAt()));
        return view;
    }

    /** A new client with its plaintext secret, shown once (creation or rotation), or without one for private_key_jwt. */
    static Map<String, Object> created(CreatedClient created) {
        return created.secret().map(secret -> clientWithSecret(created.client(), secret))
                .orElseGet(() -> client(created.client()));
    }

    /** A client plus its plaintext secret, shown once (creation or rotation). */
    static Map<String, Object> clientWithSecret(Client c, String secret) {
        Map<String, Object> view = client(c);
        view.put("client_secret", secret);
        view.put("client_secret_notice", "store this secret now: it will not be shown again");
        return view;
    }

    static Map<String, Object> issuance(Issuance i) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("jti", i.jti());
        view.put("client_id", i.clientId());
        view.put("client_name", i.clientName());
        view.put("subject", i.subject());
        view.put("resource_id", i.resourceId());
        view.put("resource_uri", i.resourceUri());
        view.put("scope", i.scopeString());
        view.put("grant_type", i.grantType());
        view.put("token_type", i.tokenType());
        view.put("dpop_jkt", i.dpopJkt());
        view.put("auth_method", i.authMethod());
        view.put("assertion_kid", i.assertionKid());
        view.put("revoked_at", i.revoked() ? instant(i.revocation().at()) : null);
        view.put("revocation_reason", i.revoked() ? i.revocation().reason() : null);
        view.put("issued_at", instant(i.issuedAt()));
        view.put("expires_at", instant(i.expiresAt()));
        view.put("trace_id", i.traceId());
        return view;
    }

    static Map<String, Object> event(AdminEvent e) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", e.id());
        view.put("at", instant(e.at()));
        view.put("action", e.action().value());
        view.put("object_type", e.action().objectType());
        view.put("object_id", e.objectId());
        view.put("actor", e.actor().credential());
        view.put("remote_address", e.actor().remoteAddress());
        view.put("detail", e.detail());
        return view;
    }

    static Map<String, Object> key(KeyInfo k) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("kid", k.kid());
        view.put("algorithm", k.algorithm());
        view.put("status", k.status().name().toLowerCase(Locale.ROOT));
        view.put("created_at", instant(k.createdAt()));
        view.put("retired_at", instant(k.retiredAt()));
        view.put("publish_until", instant(k.publishUntil()));
        return view;
    }

    /** {@code {"<name>": [views...]}}, the shape of every list answer. */
    static <T> Map<String, Object> list(String name, List<T> items, Function<T, Map<String, Object>> view) {
        return Map.of(name, items.stream().map(view).toList());
    }

    private static List<Map<String, String>> scopes(List<ScopeDefinition> scopes) {
        return scopes.stream().map(s -> Map.of("name", s.name(), "description", s.description())).toList();
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
