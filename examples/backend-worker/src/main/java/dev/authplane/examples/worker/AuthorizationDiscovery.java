package dev.authplane.examples.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the token endpoint from the MCP server URL alone, as an MCP client does (MCP authorization,
 * "Authorization Server Discovery"): an unauthenticated request gets 401 with
 * {@code WWW-Authenticate: Bearer resource_metadata="…", scope="…"}; the RFC 9728 document names
 * the {@code resource} and the authorization server; that server's RFC 8414 metadata (or its
 * OpenID configuration) names the token endpoint and the client authentication methods.
 */
final class AuthorizationDiscovery {

    /**
     * What discovery found; {@code challengeScope} is empty when the 401 named none; {@code issuer}
     * is the authorization server's identifier (a client assertion's audience).
     */
    record Found(URI tokenEndpoint, String resource, String challengeScope, List<String> authMethods, String issuer) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String PROBE = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"backend-worker\",\"version\":\"0.1.0\"}}}";

    private final HttpClient http;

    AuthorizationDiscovery(HttpClient http) {
        this.http = http;
    }

    /** @throws TokenRequestException naming the step that failed */
    Found discover(URI mcpUrl) {
        HttpResponse<String> probe = send(HttpRequest.newBuilder(mcpUrl).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(PROBE)));
        if (probe.statusCode() != 401) {
            throw new TokenRequestException("discovery: " + mcpUrl + " answered HTTP " + probe.statusCode()
                    + " without a token; expected 401 with a WWW-Authenticate challenge");
        }
        String challenge = probe.headers().firstValue("WWW-Authenticate").orElse("");
        URI metadataUrl = param(challenge, "resource_metadata").map(URI::create)
                .orElseGet(() -> wellKnown(mcpUrl, "/.well-known/oauth-protected-resource"));
        JsonNode resourceMetadata = json(metadataUrl);
        String resource = text(resourceMetadata, "resource", metadataUrl);
        JsonNode servers = resourceMetadata.path("authorization_servers");
        if (!servers.isArray() || servers.isEmpty()) {
            throw new TokenRequestException("discovery: " + metadataUrl + " names no authorization_servers");
        }
        URI issuer = URI.create(servers.get(0).asText());
        JsonNode asMetadata = authorizationServerMetadata(issuer);
        List<String> methods = new ArrayList<>();
        asMetadata.path("token_endpoint_auth_methods_supported").forEach(m -> methods.add(m.asText()));
        String scope = param(challenge, "scope").orElse(String.join(" ", texts(resourceMetadata.path("scopes_supported"))));
        return new Found(URI.create(text(asMetadata, "token_endpoint", issuer)), resource, scope, methods,
                text(asMetadata, "issuer", issuer));
    }

    private JsonNode authorizationServerMetadata(URI issuer) {
        URI oauth = wellKnown(issuer, "/.well-known/oauth-authorization-server");
        HttpResponse<String> response = send(HttpRequest.newBuilder(oauth).GET());
        if (response.statusCode() == 200) {
            return parse(response.body(), oauth);
        }
        return json(URI.create(issuer.toString().replaceAll("/$", "") + "/.well-known/openid-configuration"));
    }

    /** RFC 8414 §3.1 / RFC 9728 §3.1: the well-known suffix goes between the host and the path. */
    static URI wellKnown(URI url, String suffix) {
        String path = url.getRawPath() == null || url.getRawPath().equals("/") ? "" : url.getRawPath();
        return URI.create(url.getScheme() + "://" + url.getRawAuthority() + suffix + path);
    }

    /** An auth-param of a challenge ({@code name="value"} or {@code name=token}), RFC 9110 §11.2. */
    static Optional<String> param(String challenge, String name) {
        Matcher m = Pattern.compile("(?:^|[\\s,])" + Pattern.quote(name) + "=(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^\\s,]+))")
                .matcher(challenge);
        return m.find() ? Optional.of(m.group(1) != null ? m.group(1).replaceAll("\\\\(.)", "$1") : m.group(2))
                : Optional.empty();
    }

    private JsonNode json(URI url) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(url).GET());
        if (response.statusCode() != 200) {
            throw new TokenRequestException("discovery: " + url + " answered HTTP " + response.statusCode());
        }
        return parse(response.body(), url);
    }

    private static JsonNode parse(String body, URI url) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new TokenRequestException("discovery: " + url + " did not answer JSON");
        }
    }

    private static String text(JsonNode doc, String field, URI from) {
        String value = doc.path(field).asText("");
        if (value.isEmpty()) {
            throw new TokenRequestException("discovery: " + from + " has no " + field);
        }
        return value;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) {
        HttpRequest request = builder.timeout(TIMEOUT).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TokenRequestException("discovery: cannot reach " + request.uri());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenRequestException("discovery interrupted");
        }
    }
}
