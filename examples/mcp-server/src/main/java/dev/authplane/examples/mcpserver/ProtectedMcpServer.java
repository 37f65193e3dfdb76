package dev.authplane.examples.mcpserver;

import dev.authplane.mcp.verifier.TokenVerifier;
import dev.authplane.mcp.verifier.sdk.McpAuthorization;
import dev.authplane.mcp.verifier.servlet.AccessTokenFilter;
import dev.authplane.mcp.verifier.servlet.OriginPolicy;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.net.URI;
import java.util.EnumSet;
import java.util.Objects;

/**
 * An MCP server on embedded Jetty: the SDK's Streamable HTTP transport at the resource URI's path,
 * behind an {@link AccessTokenFilter} that also serves the RFC 9728 document at
 * {@code /.well-known/oauth-protected-resource/<path>}, refuses foreign {@code Origin}/{@code Host}
 * values and answers {@code GET} (no server push) with 405. Start with {@link #start}; close to stop.
 */
final class ProtectedMcpServer implements AutoCloseable {

    private final Server jetty;
    private final McpSyncServer mcp;
    private final TokenVerifier verifier;

    private ProtectedMcpServer(Server jetty, McpSyncServer mcp, TokenVerifier verifier) {
        this.jetty = jetty;
        this.mcp = mcp;
        this.verifier = verifier;
    }

    /**
     * @param bind     listening address
     * @param port     listening port (0 picks a free one)
     * @param verifier checks every request's token; closed with this server
     * @param origins  the {@code Origin} and {@code Host} values this server answers
     * @param metrics  serves {@code /metrics}, or {@code null} for none
     * @throws Exception when Jetty cannot start (e.g. the port is in use)
     */
    static ProtectedMcpServer start(String bind, int port, TokenVerifier verifier, OriginPolicy origins,
                                    MetricsServlet metrics) throws Exception {
        Objects.requireNonNull(verifier, "verifier");
        String path = URI.create(verifier.resource()).getRawPath();
        String endpoint = path == null || path.isEmpty() ? "/" : path;
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint(endpoint)
                .contextExtractor(McpAuthorization.contextExtractor())
                .build();
        McpSyncServer mcp = McpServer.sync(transport)
                .serverInfo("authplane-example-mcp-server", "0.1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(ExampleTools.all())
                .build();
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost(bind);
        connector.setPort(port);
        jetty.addConnector(connector);
        ServletContextHandler context = context(transport, verifier, origins, endpoint);
        if (metrics != null) {
            context.addServlet(new ServletHolder("metrics", metrics), MetricsServlet.PATH);
        }
        jetty.setHandler(context);
        jetty.setStopAtShutdown(false);
        try {
            jetty.start();
        } catch (Exception e) {
            jetty.stop();
            mcp.close();
            throw e;
        }
        return new ProtectedMcpServer(jetty, mcp, verifier);
    }

    private static ServletContextHandler context(HttpServletStreamableServerTransportProvider transport,
                                                 TokenVerifier verifier, OriginPolicy origins, String endpoint) {
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder mcpServlet = new ServletHolder("mcp", transport);
        mcpServlet.setAsyncSupported(true);
        context.addServlet(mcpServlet, endpoint);
        FilterHolder filter = new FilterHolder(new AccessTokenFilter(verifier, origins));
        filter.setAsyncSupported(true);
        FilterHolder noPush = new FilterHolder(new NoServerPushFilter());
        noPush.setAsyncSupported(true);
        EnumSet<DispatcherType> dispatches = EnumSet.of(DispatcherType.REQUEST);
        context.addFilter(filter, endpoint, dispatches);
        context.addFilter(noPush, endpoint, dispatches);
        context.addFilter(filter, verifier.protectedResourceMetadataPath(), dispatches);
        return context;
    }

    /** The port Jetty listens on. */
    int port() {
        return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    @Override
    public void close() throws Exception {
        try {
            mcp.closeGracefully();
            jetty.stop();
        } finally {
            verifier.close();
        }
    }
}
