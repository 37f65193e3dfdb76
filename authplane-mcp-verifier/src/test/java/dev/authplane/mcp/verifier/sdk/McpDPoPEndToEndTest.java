package dev.authplane.mcp.verifier.sdk;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import dev.authplane.dpop.TestDPoPProofs;
import dev.authplane.mcp.verifier.TestTokens;
import dev.authplane.mcp.verifier.TokenVerifier;
import dev.authplane.mcp.verifier.VerifiedToken;
import dev.authplane.mcp.verifier.servlet.AccessTokenFilter;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.customizer.McpSyncHttpClientRequestCustomizer;
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
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A DPoP-bound token minted by authplane-core, used by the MCP SDK client with a fresh proof per
 * HTTP request (method and URL from the SDK's request customizer), verified by the filter.
 */
class McpDPoPEndToEndTest {

    CoreIssuedTokens tokens;
    TokenVerifier verifier;
    McpSyncServer mcpServer;
    Server jetty;
    String resource;
    final ECKey clientKey = TestTokens.ecKey("worker-dpop");

    @BeforeEach
    void setUp() throws Exception {
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        connector.open();
        resource = "http://127.0.0.1:" + connector.getLocalPort() + "/mcp";
        tokens = CoreIssuedTokens.start(resource);
        verifier = TokenVerifier.builder(tokens.issuer(), resource).build();
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint("/mcp").contextExtractor(McpAuthorization.contextExtractor()).build();
        Tool tool = Tool.builder().name("whoami").description("caller").inputSchema(Map.of("type", "object")).build();
        mcpServer = McpServer.sync(transport).serverInfo("dpop-e2e", "1.0")
                .capabilities(ServerCapabilities.builder().tools(true).build())
                .tools(new SyncToolSpecification(tool, (exchange, request) -> {
                    VerifiedToken caller = McpAuthorization.verifiedToken(exchange).orElseThrow();
                    return CallToolResult.builder().addTextContent(caller.dpopJkt().orElse("unbound")).build();
                }))
                .build();
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(transport, "/mcp").setAsyncSupported(true);
        FilterHolder filter = new FilterHolder(new AccessTokenFilter(verifier));
        filter.setAsyncSupported(true);
        context.addFilter(filter, "/mcp", EnumSet.of(DispatcherType.REQUEST));
        jetty.setHandler(context);
        jetty.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        mcpServer.close();
        jetty.stop();
        verifier.close();
        tokens.close();
    }

    McpSyncClient client(McpSyncHttpClientRequestCustomizer credentials) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(resource.replace("/mcp", ""))
                .endpoint("/mcp").httpRequestCustomizer(credentials).build();
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(10)).initializationTimeout(Duration.ofSeconds(10)).build();
    }

    @Test
    void boundTokenWithAFreshProofPerRequestThenToolSeesTheBinding() throws Exception {
        String token = tokens.mintBound("dpop-worker", "tools/query", resource, clientKey);
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getJSONObjectClaim("cnf")).containsKey("jkt");
        McpSyncHttpClientRequestCustomizer dpop = (request, method, uri, body, context) -> request
                .header("Authorization", "DPoP " + token)
                .header("DPoP", TestDPoPProofs.forResource(clientKey, method, uri.toString(), token, Instant.now()).sign());
        try (McpSyncClient client = client(dpop)) {
            client.initialize();
            CallToolResult result = client.callTool(new CallToolRequest("whoami", Map.of()));
            assertThat(((TextContent) result.content().get(0)).text()).isEqualTo(clientKey.computeThumbprint().toString());
        }
    }

    @Test
    void boundTokenSentAsBearerThen401() {
        String token = tokens.mintBound("dpop-worker", "tools/query", resource, clientKey);
        try (McpSyncClient client = client((request, method, uri, body, context) -> request.header("Authorization", "Bearer " + token))) {
            assertThatThrownBy(client::initialize).satisfies(e -> assertThat(McpSdkEndToEndTest.httpStatusOf(e)).isEqualTo(401));
        }
    }
}
