package dev.authplane.mcp.verifier.servlet;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.authplane.mcp.verifier.StubAuthorizationServer;
import dev.authplane.mcp.verifier.TestTokens;
import dev.authplane.mcp.verifier.TokenVerifier;
import dev.authplane.testsupport.MutableClock;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.authplane.mcp.verifier.TestTokens.EC_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-tool scopes answered at the HTTP layer (MCP "Scope challenge handling": 403 with
 * {@code insufficient_scope} and the scopes to ask for) and the Origin/Host allowlist against DNS
 * rebinding, over real HTTP on embedded Jetty.
 */
class ToolScopesAndOriginsFilterTest {

    static final String RESOURCE = "http://localhost:8080/mcp";
    static final String CALL_QUERY = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"query\",\"arguments\":{}}}";
    static final String CALL_WHOAMI = "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"whoami\"}}";

    final HttpClient http = HttpClient.newHttpClient();
    final MutableClock clock = MutableClock.startingNow();
    final AtomicInteger reached = new AtomicInteger();
    StubAuthorizationServer as;
    TokenVerifier verifier;
    Server jetty;
    String base;

    void start(OriginPolicy policy) throws Exception {
        as = StubAuthorizationServer.start().publish(EC_KEY);
        verifier = TokenVerifier.builder(as.issuer(), RESOURCE).clock(clock).toolScopes("query", "tools/query").build();
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new Echo()), "/mcp");
        FilterHolder filter = new FilterHolder(policy == null ? new AccessTokenFilter(verifier) : new AccessTokenFilter(verifier, policy));
        context.addFilter(filter, "/mcp", EnumSet.of(DispatcherType.REQUEST));
        jetty.setHandler(context);
        jetty.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (jetty == null) {
            return;
        }
        jetty.stop();
        verifier.close();
        as.close();
    }

    /** Echoes the body it receives, so the test sees that the filter passed it on unchanged. */
    final class Echo extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            reached.incrementAndGet();
            resp.getWriter().write(new String(req.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    HttpResponse<String> post(String body, String scope, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/mcp"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (scope != null) {
            request.header("Authorization", "Bearer " + TestTokens.token(as.issuer(), RESOURCE, clock).scope(scope).sign());
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void toolCallWithoutTheToolsScopeThen403ChallengeNamingItAndTheServerNeverRuns() throws Exception {
        start(null);
        HttpResponse<String> response = post(CALL_QUERY, "tools/other");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer resource_metadata=\""
                + "http://localhost:8080/.well-known/oauth-protected-resource/mcp\", error=\"insufficient_scope\","
                + " error_description=\"The access token lacks a required scope\", scope=\"tools/query\"");
        assertThat(JSONObjectUtils.parse(response.body())).containsEntry("error", "insufficient_scope");
        assertThat(reached).hasValue(0);
    }

    @Test
    void toolCallWithTheScopeOrToolWithoutScopesReachesTheServerWithTheBodyUnchanged() throws Exception {
        start(null);
        assertThat(post(CALL_QUERY, "tools/query").body()).isEqualTo(CALL_QUERY);
        assertThat(post(CALL_WHOAMI, "tools/other").body()).isEqualTo(CALL_WHOAMI);
        String list = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}";
        assertThat(post(list, "tools/other").body()).isEqualTo(list);
        assertThat(reached).hasValue(3);
    }

    @Test
    void batchCallingAScopedToolIsCheckedAsAWhole() throws Exception {
        start(null);
        String batch = "[" + CALL_WHOAMI + "," + CALL_QUERY + "]";

        assertThat(post(batch, "tools/other").statusCode()).isEqualTo(403);
        assertThat(post(batch, "tools/query").statusCode()).isEqualTo(200);
        assertThat(reached).hasValue(1);
    }

    @Test
    void bodyTheFilterCannotReadIsRefusedNotPassedOn() throws Exception {
        start(null);
        for (String body : new String[]{"not json", "{\"method\":\"tools/call\",\"params\":{}}",
                "{\"method\":\"ping\",\"method\":\"tools/call\",\"params\":{\"name\":\"query\"}}"}) {
            HttpResponse<String> response = post(body, "tools/other");
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(JSONObjectUtils.parse(response.body())).containsEntry("error", "invalid_request");
        }
        assertThat(reached).hasValue(0);
    }

    @Test
    void missingTokenChallengeNamesTheScopesToAskFor() throws Exception {
        start(null);
        assertThat(post(CALL_QUERY, null).headers().allValues("WWW-Authenticate")).containsExactly(
                "Bearer resource_metadata=\"http://localhost:8080/.well-known/oauth-protected-resource/mcp\", scope=\"tools/query\"");
    }

    @Test
    void foreignOriginIsRefusedEvenWithAValidTokenWhileTheResourcesOwnOriginAndNoOriginPass() throws Exception {
        start(null);
        HttpResponse<String> foreign = post(CALL_WHOAMI, "tools/query", "Origin", "https://evil.example");

        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(JSONObjectUtils.parse(foreign.body())).containsEntry("error", "forbidden_origin");
        assertThat(post(CALL_WHOAMI, "tools/query", "Origin", "null").statusCode()).isEqualTo(403);
        assertThat(post(CALL_WHOAMI, "tools/query", "Origin", "http://localhost:8080").statusCode()).isEqualTo(200);
        assertThat(post(CALL_WHOAMI, "tools/query", "Origin", "http://127.0.0.1:8080").statusCode()).isEqualTo(200);
        assertThat(post(CALL_WHOAMI, "tools/query").statusCode()).isEqualTo(200);
        assertThat(reached).hasValue(3);
    }

    /**
     * A refusal written before the body has arrived must not cost the client its connection: the
     * filter reads the (small) body first, so a keep-alive connection serves the next request. The
     * body's second half is sent after a pause, which without the drain made the server answer,
     * find unread content and close the connection under the client.
     */
    @Test
    void aRefusedRequestsLateBodyIsReadSoTheConnectionServesTheNextRequest() throws Exception {
        start(null);
        String token = TestTokens.token(as.issuer(), RESOURCE, clock).scope("tools/query").sign();
        byte[] body = CALL_WHOAMI.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        String head = "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n";
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", java.net.URI.create(base).getPort())) {
            socket.setSoTimeout(5_000);
            var out = socket.getOutputStream();
            var in = new java.io.BufferedInputStream(socket.getInputStream());
            out.write((head + "Origin: https://evil.example\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(body, 0, 10);
            out.flush();
            Thread.sleep(300);
            out.write(body, 10, body.length - 10);
            out.flush();
            assertThat(readResponse(in)).startsWith("HTTP/1.1 403");

            out.write((head + "Authorization: Bearer " + token + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            assertThat(readResponse(in)).as("the same connection answers the next request").startsWith("HTTP/1.1 200");
        }
        assertThat(reached).hasValue(1);
    }

    /** One HTTP/1.1 response with a Content-Length body; empty when the connection was closed. */
    private static String readResponse(java.io.InputStream in) throws IOException {
        StringBuilder headers = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            headers.append((char) b);
            if (headers.length() >= 4 && headers.substring(headers.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(headers);
        if (length.find()) {
            in.readNBytes(Integer.parseInt(length.group(1)));
        }
        return headers.toString();
    }

    @Test
    void hostCheckRefusesARebindingHostOverHttp() throws Exception {
        start(OriginPolicy.forResource(RESOURCE).withHostCheck());

        HttpResponse<String> response = post(CALL_WHOAMI, "tools/query");

        assertThat(response.statusCode()).as("Host %s is not the resource's", base).isEqualTo(403);
        assertThat(JSONObjectUtils.parse(response.body())).containsEntry("error", "forbidden_origin");
        assertThat(reached).hasValue(0);
    }

    @Test
    void originPolicyAllowsConfiguredOriginsAndHostsWithDefaultPortsAndLoopbackAliases() {
        OriginPolicy policy = OriginPolicy.forResource("https://mcp.example.com/mcp")
                .allowOrigin("https://app.example.com").allowHost("mcp.internal:8443");

        assertThat(policy.refusal("https://app.example.com:443", "mcp.example.com")).isNull();
        assertThat(policy.refusal("HTTPS://MCP.example.com", "mcp.example.com:443")).isNull();
        assertThat(policy.refusal(null, "mcp.internal:8443")).isNull();
        assertThat(policy.refusal("https://app.example.com:8443", "mcp.example.com")).contains("Origin");
        assertThat(policy.refusal("http://app.example.com", "mcp.example.com")).contains("Origin");
        assertThat(policy.refusal(null, "evil.example")).contains("Host");
        assertThat(policy.refusal(null, null)).contains("Host");
        OriginPolicy loopback = OriginPolicy.forResource(RESOURCE).withHostCheck();
        assertThat(loopback.refusal("http://[::1]:8080", "127.0.0.1:8080")).isNull();
        assertThat(loopback.refusal(null, "localhost:8081")).contains("Host");
    }
}
