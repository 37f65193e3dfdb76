package dev.authplane.mcp.verifier.sdk;

import dev.authplane.mcp.verifier.TokenVerifier;
import dev.authplane.mcp.verifier.VerifiedToken;
import dev.authplane.mcp.verifier.servlet.AccessTokenFilter;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * RFC 9068 §4 and RFC 6750 §3 end to end with the real parts: tokens minted by AuthPlane's core (ES256, RFC 9068), its
 * JWKS served over loopback HTTP, an MCP Java SDK server (Streamable HTTP servlet transport on
 * embedded Jetty 12) behind {@link AccessTokenFilter}, and the SDK's HTTP client.
 */
class McpSdkEndToEndTest {

    static final String RESOURCE = "https://mcp.example.com/mcp";
    static final String OTHER_RESOURCE = "https://other.example.com/mcp";

    CoreIssuedTokens tokens;
    TokenVerifier verifier;
    Server jetty;
    McpSyncServer mcpServer;
    String base;
    final List<String> seenByTools = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        tokens = CoreIssuedTokens.start(RESOURCE, OTHER_RESOURCE);
        verifier = TokenVerifier.builder(tokens.issuer(), RESOURCE).requiredScopes("tools/query").build();
        startMcpServer();
    }

    void startMcpServer() throws Exception {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint("/mcp")
                .contextExtractor(McpAuthorization.contextExtractor())
                .build();
        mcpServer = McpServer.sync(transport)
                .serverInfo("verifier-e2e", "1.0")
                .capabilities(ServerCapabilities.builder().tools(true).build())
                .tools(whoAmI(), McpAuthorization.requireScopes(adminReport(), "tools/admin"))
                .build();
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        ServletHolder mcp = new ServletHolder(transport);
        mcp.setAsyncSupported(true);
        context.addServlet(mcp, "/mcp");
        FilterHolder filter = new FilterHolder(new AccessTokenFilter(verifier));
        filter.setAsyncSupported(true);
        context.addFilter(filter, "/mcp", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(filter, verifier.protectedResourceMetadataPath(), EnumSet.of(DispatcherType.REQUEST));
        jetty.setHandler(context);
        jetty.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    SyncToolSpecification whoAmI() {
        Tool tool = Tool.builder().name("whoami").description("Who is calling").inputSchema(Map.of("type", "object")).build();
        return new SyncToolSpecification(tool, (exchange, request) -> {
            VerifiedToken token = McpAuthorization.verifiedToken(exchange).orElseThrow();
            seenByTools.add(token.clientId() + " " + token.subject() + " " + String.join(",", token.scopes()));
            return CallToolResult.builder().addTextContent(token.clientId()).build();
        });
    }

    SyncToolSpecification adminReport() {
        Tool tool = Tool.builder().name("admin-report").description("Needs tools/admin").inputSchema(Map.of("type", "object")).build();
        return new SyncToolSpecification(tool, (exchange, request) -> CallToolResult.builder().addTextContent("report").build());
    }

    @AfterEach
    void tearDown() throws Exception {
        mcpServer.close();
        jetty.stop();
        verifier.close();
        tokens.close();
    }

    String mint(String clientName, String scope, String resource) {
        return tokens.mint(clientName, scope, resource);
    }

    static McpSyncClient client(String base, String token) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(base)
                .endpoint("/mcp")
                .httpRequestCustomizer((request, method, uri, body, context) -> request.header("Authorization", "Bearer " + token))
                .build();
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(10)).initializationTimeout(Duration.ofSeconds(10)).build();
    }

    McpSyncClient client(String token) {
        return client(base, token);
    }

    static int httpStatusOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof McpHttpClientTransportAuthorizationException e) {
                return e.getResponseInfo().statusCode();
            }
        }
        throw new AssertionError("no HTTP authorization failure in " + failure);
    }

    static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }

    @Test
    void tokenWithTheRequiredScopeThenToolRunsAndSeesClientSubjectAndScopes() {
        String token = mint("backend-worker", "tools/query", RESOURCE);
        try (McpSyncClient client = client(token)) {
            client.initialize();
            CallToolResult result = client.callTool(new CallToolRequest("whoami", Map.of()));
            assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
            String clientId = text(result);
            assertThat(seenByTools).containsExactly(clientId + " " + clientId + " tools/query");
        }
    }

    @Test
    void tokenWithoutTheRequiredScopeThen403() {
        String token = mint("list-only-worker", "tools/list", RESOURCE);
        try (McpSyncClient client = client(token)) {
            assertThatThrownBy(client::initialize).satisfies(e -> assertThat(httpStatusOf(e)).isEqualTo(403));
        }
        assertThat(seenByTools).isEmpty();
    }

    @Test
    void tokenForAnotherResourceThen401() {
        String token = mint("misdirected-worker", "tools/query", OTHER_RESOURCE);
        try (McpSyncClient client = client(token)) {
            assertThatThrownBy(client::initialize).satisfies(e -> assertThat(httpStatusOf(e)).isEqualTo(401));
        }
        assertThat(seenByTools).isEmpty();
    }

    @Test
    void toolGuardedByAnotherScopeThenToolErrorNamingTheScope() {
        String token = mint("query-worker", "tools/query", RESOURCE);
        try (McpSyncClient client = client(token)) {
            client.initialize();
            CallToolResult result = client.callTool(new CallToolRequest("admin-report", Map.of()));
            assertThat(result.isError()).isTrue();
            assertThat(text(result)).contains("insufficient_scope").contains("tools/admin");
        }
    }
}
