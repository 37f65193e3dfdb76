package dev.authplane.servlet;

import dev.authplane.core.client.AssertionAlgorithms;
import dev.authplane.core.client.ClientAuthMethod;
import dev.authplane.core.client.GrantTypes;
import dev.authplane.core.config.AuthPlaneConfig;
import dev.authplane.core.resource.Resource;
import dev.authplane.core.scope.ScopeDefinition;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Builds the RFC 8414 authorization server metadata and the RFC 9728 protected resource metadata
 * from the configuration and the registered resources, and derives where each is served. Lists
 * only what this server really offers: no response type, and the revocation and introspection
 * endpoints only when they are on. The
 * authorization endpoint is listed because the official MCP client SDKs refuse metadata without
 * one; it answers every request with an error ({@link AuthorizationEndpointServlet}).
 */
final class MetadataDocuments {

    static final String AS_WELL_KNOWN = "/.well-known/oauth-authorization-server";
    static final String PRM_WELL_KNOWN = "/.well-known/oauth-protected-resource";

    private final AuthPlaneConfig config;
    private final List<String> dpopAlgorithms;

    /**
     * @param dpopAlgorithms the proof algorithms the token endpoint accepts, advertised when DPoP
     *                       is enabled
     */
    MetadataDocuments(AuthPlaneConfig config, List<String> dpopAlgorithms) {
        this.config = Objects.requireNonNull(config, "config");
        this.dpopAlgorithms = List.copyOf(dpopAlgorithms);
    }

    /** RFC 8414 §2; {@code scopes_supported} is the union of every resource's scope catalog. */
    Map<String, Object> authorizationServer(List<Resource> resources) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", config.issuer());
        doc.put("authorization_endpoint", config.issuer() + AuthPlaneServlets.AUTHORIZE_PATH);
        doc.put("token_endpoint", config.tokenEndpoint());
        doc.put("jwks_uri", config.jwksUri());
        doc.put("grant_types_supported", config.clientCredentials().enabled()
                ? List.of(GrantTypes.CLIENT_CREDENTIALS) : List.of());
        doc.put("token_endpoint_auth_methods_supported", List.of(ClientAuthMethod.CLIENT_SECRET_BASIC.value(),
                ClientAuthMethod.CLIENT_SECRET_POST.value(), ClientAuthMethod.PRIVATE_KEY_JWT.value()));
        doc.put("token_endpoint_auth_signing_alg_values_supported", AssertionAlgorithms.names());
        if (config.lifecycle().revocationEnabled()) {
            putClientEndpoint(doc, "revocation", AuthPlaneServlets.REVOCATION_PATH);
        }
        if (config.lifecycle().introspectionEnabled()) {
            putClientEndpoint(doc, "introspection", AuthPlaneServlets.INTROSPECTION_PATH);
        }
        TreeSet<String> scopes = new TreeSet<>();
        resources.forEach(r -> r.scopes().forEach(s -> scopes.add(s.name())));
        doc.put("scopes_supported", new ArrayList<>(scopes));
        doc.put("response_types_supported", List.of());
        if (config.dpop().enabled()) {
            doc.put("dpop_signing_alg_values_supported", dpopAlgorithms);
        }
        return doc;
    }

    /** An endpoint a client authenticates to as it does at the token endpoint (RFC 8414 §2). */
    private void putClientEndpoint(Map<String, Object> doc, String name, String path) {
        doc.put(name + "_endpoint", config.issuer() + path);
        doc.put(name + "_endpoint_auth_methods_supported", doc.get("token_endpoint_auth_methods_supported"));
        doc.put(name + "_endpoint_auth_signing_alg_values_supported", AssertionAlgorithms.names());
    }

    /** RFC 9728 §2 for one registered resource, as this authorization server describes it. */
    Map<String, Object> protectedResource(Resource resource) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("resource", resource.uri());
        doc.put("authorization_servers", List.of(config.issuer()));
        doc.put("scopes_supported", resource.scopes().stream().map(ScopeDefinition::name).toList());
        doc.put("bearer_methods_supported", List.of("header"));
        if (config.dpop().enabled()) {
            doc.put("dpop_signing_alg_values_supported", dpopAlgorithms);
        }
        return doc;
    }

    /** RFC 8414 §3.1: the well-known suffix goes between the host and the issuer's path. */
    String authorizationServerPath() {
        return AS_WELL_KNOWN + issuerPath();
    }

    /** The issuer URL's path ({@code ""} for an issuer without one), under which the endpoints live. */
    String issuerPath() {
        String path = URI.create(config.issuer()).getRawPath();
        return path == null || path.equals("/") ? "" : path;
    }

    /**
     * RFC 9728 §3.1: {@code /.well-known/oauth-protected-resource} followed by the resource URI's
     * path and query, with a terminating slash after the host removed.
     *
     * @return raw (still percent-encoded) path, plus {@code ?query} when the URI has one
     */
    static String protectedResourcePath(String resourceUri) {
        URI uri = URI.create(resourceUri);
        String path = uri.getRawPath() == null || uri.getRawPath().equals("/") ? "" : uri.getRawPath();
        return PRM_WELL_KNOWN + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
