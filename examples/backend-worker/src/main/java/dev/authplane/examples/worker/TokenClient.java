package dev.authplane.examples.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import static java.net.URLEncoder.encode;

/**
 * Requests access tokens with the {@code client_credentials} grant (RFC 6749 §4.4) and a
 * {@code resource} indicator (RFC 8707), authenticating with {@code client_secret_post} (the seed's
 * choice), {@code client_secret_basic} or {@code private_key_jwt} (a fresh signed assertion per
 * request, RFC 7523), optionally with a DPoP proof (RFC 9449) so that the token
 * is bound to the worker's key; a {@code use_dpop_nonce} answer is retried once with the server's
 * nonce. Plain {@code java.net.http}: nothing here is specific to AuthPlane.
 *
 * <p>Thread-safe.
 */
public final class TokenClient {

    /** How the client authenticates at the token endpoint (RFC 6749 §2.3.1). */
    public enum AuthMethod {
        /** {@code client_id} and {@code client_secret} as form parameters. */
        CLIENT_SECRET_POST,
        /** An {@code Authorization: Basic} header with both halves form-url-encoded. */
        CLIENT_SECRET_BASIC,
        /** {@code client_assertion}: a JWT signed with the client's private key; no secret. */
        PRIVATE_KEY_JWT
    }

    /** Time allowed for one token request. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final AuthMethod authMethod;
    private final Clock clock;
    private final DPoPProofs dpop;
    private final ClientAssertionSigner assertions;

    /** A client without DPoP: tokens come back as Bearer tokens. */
    public TokenClient(HttpClient http, URI tokenUrl, String clientId, String clientSecret, AuthMethod authMethod,
                       Clock clock) {
        this(http, tokenUrl, clientId, clientSecret, authMethod, clock, null);
    }

    /** @param dpop proofs to send with each request, or {@code null} for none */
    public TokenClient(HttpClient http, URI tokenUrl, String clientId, String clientSecret, AuthMethod authMethod,
                       Clock clock, DPoPProofs dpop) {
        this(http, tokenUrl, clientId, Objects.requireNonNull(clientSecret, "clientSecret"), authMethod, null, clock,
                dpop);
        if (authMethod == AuthMethod.PRIVATE_KEY_JWT) {
            throw new IllegalArgumentException("a private_key_jwt client signs assertions instead of sending a secret");
        }
    }

    /** A {@code private_key_jwt} client: each request carries a fresh assertion from {@code assertions}. */
    public TokenClient(HttpClient http, URI tokenUrl, String clientId, ClientAssertionSigner assertions, Clock clock,
                       DPoPProofs dpop) {
        this(http, tokenUrl, clientId, null, AuthMethod.PRIVATE_KEY_JWT,
                Objects.requireNonNull(assertions, "assertions"), clock, dpop);
    }

    private TokenClient(HttpClient http, URI tokenUrl, String clientId, String clientSecret, AuthMethod authMethod,
                        ClientAssertionSigner assertions, Clock clock, DPoPProofs dpop) {
        this.http = Objects.requireNonNull(http, "http");
        this.tokenUrl = Objects.requireNonNull(tokenUrl, "tokenUrl");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clientSecret = clientSecret;
        this.authMethod = Objects.requireNonNull(authMethod, "authMethod");
        this.assertions = assertions;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dpop = dpop;
    }

    /**
     * Requests a new token.
     *
     * @param resource the MCP server's resource URI, which becomes the token's audience
     * @param scope    space-separated scopes, or {@code null}/blank to receive all registered scopes
     * @throws TokenRequestException when the server refuses or cannot be reached
     */
    public AccessToken request(String resource, String scope) {
        HttpResponse<String> response = send(buildRequest(resource, scope, null));
        String nonce = response.headers().firstValue("DPoP-Nonce").orElse(null);
        if (dpop != null && response.statusCode() == 400 && nonce != null
                && "use_dpop_nonce".equals(readJson(response).path("error").asText())) {
            response = send(buildRequest(resource, scope, nonce));
        }
        return parse(response);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TokenRequestException("token endpoint " + tokenUrl + " unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenRequestException("interrupted while requesting a token");
        }
    }

    private HttpRequest buildRequest(String resource, String scope, String nonce) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        if (authMethod == AuthMethod.CLIENT_SECRET_POST) {
            form.put("client_id", clientId);
            form.put("client_secret", clientSecret);
        } else if (authMethod == AuthMethod.PRIVATE_KEY_JWT) {
            form.put("client_id", clientId);
            form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
            form.put("client_assertion", assertions.sign());
        }
        if (scope != null && !scope.isBlank()) {
            form.put("scope", scope.strip());
        }
        form.put("resource", Objects.requireNonNull(resource, "resource"));
        HttpRequest.Builder builder = HttpRequest.newBuilder(tokenUrl)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form)));
        if (dpop != null) {
            builder.header("DPoP", dpop.proof("POST", tokenUrl, null, nonce));
        }
        if (authMethod == AuthMethod.CLIENT_SECRET_BASIC) {
            String pair = encode(clientId, StandardCharsets.UTF_8) + ":" + encode(clientSecret, StandardCharsets.UTF_8);
            builder.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return builder.build();
    }

    private AccessToken parse(HttpResponse<String> response) {
        JsonNode body = readJson(response);
        if (response.statusCode() != 200) {
            String error = body.path("error").asText("");
            String description = body.path("error_description").asText("");
            throw new TokenRequestException("token request refused (HTTP " + response.statusCode() + "): "
                    + (error.isEmpty() ? "no OAuth error in the response" : error)
                    + (description.isEmpty() ? "" : " - " + description));
        }
        String value = body.path("access_token").asText("");
        long expiresIn = body.path("expires_in").asLong(-1);
        if (value.isEmpty() || expiresIn <= 0) {
            throw new TokenRequestException("token response lacks access_token or a positive expires_in");
        }
        return new AccessToken(value, body.path("token_type").asText("Bearer"), body.path("scope").asText(""),
                Duration.ofSeconds(expiresIn), clock.instant().plusSeconds(expiresIn));
    }

    private JsonNode readJson(HttpResponse<String> response) {
        try {
            JsonNode node = JSON.readTree(response.body());
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new TokenRequestException("token endpoint " + tokenUrl + " answered HTTP " + response.statusCode()
                + " without a JSON object");
    }

    private static String formEncode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> encode(e.getKey(), StandardCharsets.UTF_8) + "=" + encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
