package dev.authplane.mcp.verifier;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.JSONObjectUtils;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * This resource's RFC 9728 document and where it lives: {@code /.well-known/oauth-protected-resource}
 * inserted between the resource URI's host and path (RFC 9728 §3.1). Computed once.
 */
final class ProtectedResourceMetadata {

    private final String url;
    private final String path;
    private final String json;
    private final String dpopAlgorithms;

    ProtectedResourceMetadata(VerifierSettings settings) {
        URI resource = URI.create(settings.resource());
        this.url = Uris.wellKnownUrl(resource, Uris.PROTECTED_RESOURCE_WELL_KNOWN);
        String withQuery = Uris.wellKnownPath(resource, Uris.PROTECTED_RESOURCE_WELL_KNOWN);
        int query = withQuery.indexOf('?');
        this.path = query < 0 ? withQuery : withQuery.substring(0, query);
        List<String> algs = settings.dpopAlgorithms().stream().map(JWSAlgorithm::getName).sorted().toList();
        this.dpopAlgorithms = algs.stream().collect(Collectors.joining(" "));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("resource", settings.resource());
        doc.put("authorization_servers", List.of(settings.issuer()));
        if (!settings.scopesSupported().isEmpty()) {
            doc.put("scopes_supported", settings.scopesSupported());
        }
        doc.put("bearer_methods_supported", List.of("header"));
        doc.put("dpop_signing_alg_values_supported", algs);
        if (settings.dpopRequired()) {
            doc.put("dpop_bound_access_tokens_required", true);
        }
        this.json = JSONObjectUtils.toJSONString(doc);
    }

    String url() {
        return url;
    }

    String path() {
        return path;
    }

    String json() {
        return json;
    }

    String dpopAlgorithms() {
        return dpopAlgorithms;
    }
}
