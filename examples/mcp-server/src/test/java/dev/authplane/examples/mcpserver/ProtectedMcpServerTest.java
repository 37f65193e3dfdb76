package dev.authplane.examples.mcpserver;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.authplane.mcp.verifier.TokenVerifier;
import dev.authplane.testsupport.PrometheusText;
import dev.authplane.mcp.verifier.servlet.OriginPolicy;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The example server over real HTTP: Jetty, the verifier with a JWKS served from a loopback
 * endpoint, and the official MCP Java SDK client calling the tools with signed RFC 9068 tokens.
 */
class ProtectedMcpServerTest {

    private static final String ISSUER = "http://localhost:9000";

    private static ECKey signingKey;
    private static HttpServer jwksEndpoint;
    private static ProtectedMcpServer server;
    private static String resource;
    private static MetricsServlet metrics;
    private static final String METRICS_TOKEN = "metrics-token-for-tests-0123456789";

    @BeforeAll
    static void start() throws Exception {
        signingKey = new ECKeyGenerator(Curve.P_256).keyID("k1").algorithm(JWSAlgorithm.ES256).generate();
        byte[] jwks = new JWKSet(signingKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwksEndpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jwksEndpoint.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        jwksEndpoint.start();
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        resource = "http://localhost:" + port + "/mcp";
        metrics = new MetricsServlet(METRICS_TOKEN);
        TokenVerifier verifier = ExampleTools.verifier(ISSUER, resource)
                .jwksUri("http://127.0.0.1:" + jwksEndpoint.getAddress().getPort() + "/.well-known/jwks.json")
                .observer(metrics.observer()).build();
        server = ProtectedMcpServer.start("127.0.0.1", port, verifier, OriginPolicy.forResource(resource).withHostCheck(),
                metrics);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        jwksEndpoint.stop(0);
    }

    private static String token(String clientId, String scope) throws Exception {
        return token(clientId, scope, null);
    }

    /** A token signed by the test issuer; bound to the DPoP key thumbprint {@code jkt} unless it is {@code null}. */
    private static String token(String clientId, String scope, String jkt) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(ISSUER).subject(clientId).claim("client_id", clientId)
                .audience(resource).claim("scope", scope).issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300))).jwtID(UUID.randomUUID().toString());
        if (jkt != null) {
            builder.claim("cnf", Map.of("jkt", jkt));
        }
        JWTClaimsSet claims = builder.build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
                .keyID("k1").build(), claims);
        jwt.sign(new ECDSASigner(signingKey));
        return jwt.serialize();
    }

    private static McpSchema.CallToolResult call(String token, String tool, Map<String, Object> args) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder(resource.substring(0, resource.indexOf("/mcp")))
                .endpoint("/mcp")
                .httpRequestCustomizer((request, method, uri, body, context) ->
                        request.setHeader("Authorization", "Bearer " + token))
                .build();
        try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20)).build()) {
            client.initialize();
            return client.callTool(new McpSchema.CallToolRequest(tool, args));
        }
    }

    private static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    @Test
    void queryWithToolsQueryScopeAnswersWithTheCallersClientId() throws Exception {
        McpSchema.CallToolResult result = call(token("backend-1", "tools/query"), "query", Map.of("input", "builds"));

        assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
        assertThat(text(result)).isEqualTo("Query \"builds\" answered for client_id backend-1 (scopes: tools/query)");
    }

    @Test
    void queryWithoutToolsQueryScopeIsRefusedWithAnHttp403StepUpChallenge() throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"query\",\"arguments\":{}}}";
        HttpResponse<String> response = post(body, token("backend-2", "tools/other"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString()
                .contains("error=\"insufficient_scope\"", "scope=\"tools/query\"", "resource_metadata=\"");
        assertThatThrownBy(() -> call(token("backend-2", "tools/other"), "query", Map.of("input", "x")))
                .isInstanceOf(McpHttpClientTransportAuthorizationException.class);
    }

    @Test
    void getOnTheMcpEndpointIsAnsweredAtOnceWith405() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(resource))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + token("backend-4", "tools/query"))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST, DELETE");
    }

    @Test
    void foreignOriginOrHostIsRefusedWithAValidToken() throws Exception {
        String list = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}";
        String valid = token("backend-5", "tools/query");

        assertThat(post(list, valid, "Origin", "https://evil.example").statusCode()).isEqualTo(403);
        assertThat(rawPost(list, valid, "evil.example:" + URI.create(resource).getPort())).startsWith("HTTP/1.1 403");
        String initialize = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
        assertThat(rawPost(initialize, valid, "localhost:" + URI.create(resource).getPort())).startsWith("HTTP/1.1 200");
        assertThat(post(list, valid, "Origin", resource.replace("/mcp", "")).statusCode()).isNotEqualTo(403);
    }

    /** A POST with a chosen {@code Host} header (the JDK client does not let a caller set it): the status line. */
    private static String rawPost(String body, String token, String host) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), URI.create(resource).getPort())) {
            socket.setSoTimeout(10_000);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String head = "POST /mcp HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\nContent-Length: "
                    + bytes.length + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(bytes);
            return new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
        }
    }

    private static HttpResponse<String> post(String body, String token, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(resource))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsCountEachVerificationOutcomeAndNeedTheMetricsToken() throws Exception {
        String list = "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/list\"}";
        PrometheusText before = scrape();
        String valid = token("backend-metrics", "tools/query");

        assertThat(post(list, valid).statusCode()).as("past the token check (no MCP session yet)").isEqualTo(400);
        assertThat(post(list, valid).statusCode()).isEqualTo(400);
        assertThat(post(list, "not-a-jwt").statusCode()).isEqualTo(401);
        HttpResponse<String> missing = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(resource))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(list)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(401);
        String bound = token("backend-dpop", "tools/query", "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I");
        HttpResponse<String> badProof = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(resource))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Authorization", "DPoP " + bound).header("DPoP", "not-a-proof")
                .POST(HttpRequest.BodyPublishers.ofString(list)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(badProof.statusCode()).isEqualTo(401);

        PrometheusText after = scrape();
        String name = "authplane_verifier_requests_total";
        assertThat(after.sum(name, "reason", "verified") - before.sum(name, "reason", "verified")).isEqualTo(1);
        assertThat(after.sum(name, "reason", "cached") - before.sum(name, "reason", "cached")).isEqualTo(1);
        assertThat(after.sum(name, "reason", "invalid_token") - before.sum(name, "reason", "invalid_token")).isEqualTo(1);
        assertThat(after.sum(name, "reason", "missing_token") - before.sum(name, "reason", "missing_token")).isEqualTo(1);
        assertThat(after.sum(name, "reason", "invalid_dpop_proof") - before.sum(name, "reason", "invalid_dpop_proof"))
                .isEqualTo(1);
        assertThat(after.sum("authplane_verifier_dpop_proofs_rejected_total", "reason", "malformed")
                - before.sum("authplane_verifier_dpop_proofs_rejected_total", "reason", "malformed")).isEqualTo(1);
        assertThat(after.sum("authplane_verifier_fetches_total", "outcome", "ok")).isGreaterThanOrEqualTo(1);
        PrometheusText.meterTable(Path.of("../../authplane-micrometer/README.md")).stream()
                .map(PrometheusText.TableMeter::name).filter(n -> n.startsWith("authplane_verifier_"))
                .forEach(meter -> assertThat(after.has(meter)).as(meter + " is served").isTrue());

        HttpResponse<String> noToken = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                resource.replace("/mcp", MetricsServlet.PATH))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(401);
    }

    private static PrometheusText scrape() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                resource.replace("/mcp", MetricsServlet.PATH))).header("Authorization", "Bearer " + METRICS_TOKEN)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return PrometheusText.parse(response.body());
    }

    @Test
    void whoamiAcceptsAnyValidTokenAndShowsTheVerifiedCaller() throws Exception {
        McpSchema.CallToolResult result = call(token("backend-3", "tools/other"), "whoami", Map.of());

        assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
        assertThat(text(result)).startsWith("client_id backend-3, sub backend-3, scopes [tools/other], expires ");
    }

    @Test
    void requestWithoutTokenGets401PointingAtTheProtectedResourceMetadata() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(resource))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue(
                "Bearer resource_metadata=\"" + resource.replace("/mcp", "/.well-known/oauth-protected-resource/mcp")
                        + "\", scope=\"tools/query\"");
    }

    @Test
    void protectedResourceMetadataNamesTheIssuerAndTheQueryScope() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                resource.replace("/mcp", "/.well-known/oauth-protected-resource/mcp"))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"resource\":\"" + resource + "\"")
                .contains("\"authorization_servers\":[\"" + ISSUER + "\"]")
                .contains("\"scopes_supported\":[\"tools/query\"]");
    }
}
