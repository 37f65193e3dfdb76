package dev.authplane.benchmarks;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What every contender is configured with, so the figures compare like with like: one protected
 * resource (the token audience), the scopes each client registers, the scope each request asks
 * for, and the form body of one {@code client_credentials} request with {@code client_secret_post}
 * or with a {@code private_key_jwt} client assertion.
 * The Spring Authorization Server peer (module {@code sas-server}) uses the same values.
 */
public final class BenchFixture {

    /** The resource every token is minted for (RFC 8707 {@code resource}, token {@code aud}). */
    public static final String RESOURCE_URI = "https://mcp.bench.example/mcp";
    /** The resource's slug in AuthPlane's registry. */
    public static final String RESOURCE_SLUG = "bench-mcp";
    /** Scopes every benchmark client registers. */
    public static final List<String> CLIENT_SCOPES = List.of("tools/query", "tools/call");
    /** The scope each token request asks for. */
    public static final String REQUESTED_SCOPE = "tools/query";

    private BenchFixture() {
    }

    /** The urlencoded body of one token request. */
    public static String tokenRequestBody(String clientId, String clientSecret) {
        return "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret=" + encode(clientSecret)
                + "&scope=" + encode(REQUESTED_SCOPE) + "&resource=" + encode(RESOURCE_URI);
    }

    /** The urlencoded body of one token request authenticated by a client assertion (RFC 7523 §2.2). */
    public static String assertionRequestBody(String clientId, String assertion) {
        return "grant_type=client_credentials&client_id=" + encode(clientId)
                + "&client_assertion_type=" + encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                + "&client_assertion=" + assertion + "&scope=" + encode(REQUESTED_SCOPE)
                + "&resource=" + encode(RESOURCE_URI);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
