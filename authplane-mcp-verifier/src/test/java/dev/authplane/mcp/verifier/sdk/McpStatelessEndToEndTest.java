package dev.authplane.mcp.verifier.sdk;

import dev.authplane.mcp.verifier.TokenVerifier;
import dev.authplane.mcp.verifier.VerifiedToken;
import dev.authplane.mcp.verifier.servlet.AccessTokenFilter;
import dev.authplane.mcp.verifier.servlet.OriginPolicy;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The same glue on the SDK's stateless servlet transport ({@code HttpServletStatelessServerTransport}). */
class McpStatelessEndToEndTest {

    static final String RESOURCE = "https://mcp.example.com/mcp";

    CoreIssuedTokens tokens;
    TokenVerifier verifier;
    McpStatelessSyncServer mcpServer;
    Server jetty;
    String base;

    @BeforeEach
    void setUp() throws Exception {
        tokens = CoreIssuedTokens.start(RESOURCE);
        verifier = TokenVerifier.builder(tokens.issuer(), RESOURCE).build();
        HttpServletStatelessServerTransport transport = HttpServletStatelessServerTransport.builder()
                .messageEndpoint("/mcp")
                .contextExtractor(McpAuthorization.contextExtractor())
                .securityValidator(McpAuthorization.securityValidator(OriginPolicy.forResource(RESOURCE)))
                .build();
        mcpServer = McpServer.sync(transport)
                .serverInfo("verifier-stateless-e2e", "1.0")
                .capabilities(ServerCapabilities.builder().tools(true).build())
                .tools(tool("whoami", "tools/query"), tool("admin-report", "tools/admin"))
                .build();
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        ServletHolder mcp = context.addServlet(transport, "/mcp");
        mcp.setAsyncSupported(true);
        OriginPolicy anyOrigin = OriginPolicy.forResource(RESOURCE).allowOrigin("https://evil.example");
        context.addFilter(new FilterHolder(new AccessTokenFilter(verifier, anyOrigin)), "/mcp", EnumSet.of(DispatcherType.REQUEST));
        jetty.setHandler(context);
        jetty.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    static SyncToolSpecification tool(String name, String scope) {
        Tool tool = Tool.builder().name(name).description("requires " + scope).inputSchema(Map.of("type", "object")).build();
        return McpAuthorization.requireScopes(new SyncToolSpecification(tool, (context, request) -> {
            VerifiedToken caller = McpAuthorization.verifiedToken(context).orElseThrow();
            return CallToolResult.builder().addTextContent(name + " for " + caller.clientId()).build();
        }), scope);
    }

    @AfterEach
    void tearDown() throws Exception {
        mcpServer.close();
        jetty.stop();
        verifier.close();
        tokens.close();
    }

    @Test
    void sdkSecurityValidatorAppliesTheOriginPolicyInsideTheTransport() throws Exception {
        String list = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/mcp"))
                .header("Authorization", "Bearer " + tokens.mint("worker", "tools/query", RESOURCE))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(list));

        HttpResponse<String> foreign = HttpClient.newHttpClient().send(request.copy().header("Origin", "https://evil.example").build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> own = HttpClient.newHttpClient().send(request.copy().header("Origin", "https://mcp.example.com").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(foreign.statusCode()).as("the filter let it through; the SDK's validator refuses it").isEqualTo(403);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("whoami");
    }

    @Test
    void toolRunsWithItsScopeAndRefusesWithoutIt() {
        try (McpSyncClient client = McpSdkEndToEndTest.client(base, tokens.mint("worker", "tools/query", RESOURCE))) {
            client.initialize();
            CallToolResult allowed = client.callTool(new CallToolRequest("whoami", Map.of()));
            assertThat(((TextContent) allowed.content().get(0)).text()).startsWith("whoami for ");
            CallToolResult refused = client.callTool(new CallToolRequest("admin-report", Map.of()));
            assertThat(refused.isError()).isTrue();
            assertThat(((TextContent) refused.content().get(0)).text()).contains("insufficient_scope", "tools/admin");
        }
    }
}
