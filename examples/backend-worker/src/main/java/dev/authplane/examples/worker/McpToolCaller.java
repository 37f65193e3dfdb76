package dev.authplane.examples.worker;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.customizer.McpHttpClientAuthorizationErrorHandler;
import io.modelcontextprotocol.spec.McpSchema;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One MCP session over Streamable HTTP (official MCP Java SDK client) whose every HTTP request
 * carries the access token from a {@link TokenSource}: {@code Authorization: Bearer <token>}, or for
 * a DPoP-bound token {@code Authorization: DPoP <token>} plus a fresh {@code DPoP} proof for that
 * request (RFC 9449 §7). A 401 from the server makes the source forget its token and the SDK retry
 * the request once with a fresh one.
 *
 * <p>Not thread-safe; one caller at a time. Close it to end the session.
 */
public final class McpToolCaller implements AutoCloseable {

    /** Time allowed for initialisation and for one tool call. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final McpSyncClient client;

    /**
     * @param mcpUrl the MCP endpoint, e.g. {@code http://localhost:8080/mcp}
     * @param tokens supplies the access token for every request
     * @param dpop   signs a proof per request for DPoP-bound tokens; {@code null} when the worker uses none
     */
    public McpToolCaller(URI mcpUrl, TokenSource tokens, DPoPProofs dpop) {
        Objects.requireNonNull(mcpUrl, "mcpUrl");
        Objects.requireNonNull(tokens, "tokens");
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(origin(mcpUrl))
                .endpoint(pathAndQuery(mcpUrl))
                .connectTimeout(Duration.ofSeconds(10))
                .httpRequestCustomizer((request, method, uri, body, context) ->
                        authorize(request, method, uri, tokens.token(), dpop))
                .authorizationErrorHandler(McpHttpClientAuthorizationErrorHandler.fromSync((response, context) -> {
                    if (response.statusCode() == 401) {
                        tokens.invalidate();
                        return true;
                    }
                    return false;
                }))
                .build();
        this.client = McpClient.sync(transport)
                .clientInfo(new McpSchema.Implementation("authplane-backend-worker", "1.0"))
                .requestTimeout(REQUEST_TIMEOUT)
                .initializationTimeout(REQUEST_TIMEOUT)
                .build();
    }

    /** Opens the MCP session (initialize handshake). */
    public void initialize() {
        client.initialize();
    }

    /**
     * Calls a tool and returns its text content.
     *
     * @throws ToolCallException when the tool reports an error
     */
    public String call(String tool, Map<String, Object> arguments) {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
        String text = result.content().stream()
                .filter(McpSchema.TextContent.class::isInstance)
                .map(c -> ((McpSchema.TextContent) c).text())
                .collect(Collectors.joining("\n"));
        if (Boolean.TRUE.equals(result.isError())) {
            throw new ToolCallException("tool '" + tool + "' failed: " + text);
        }
        return text;
    }

    @Override
    public void close() {
        client.closeGracefully();
    }

    private static void authorize(java.net.http.HttpRequest.Builder request, String method, URI uri,
                                  AccessToken token, DPoPProofs dpop) {
        if (dpop != null && "DPoP".equalsIgnoreCase(token.type())) {
            request.setHeader("Authorization", "DPoP " + token.value());
            request.setHeader("DPoP", dpop.proof(method, uri, token.value(), null));
        } else {
            request.setHeader("Authorization", "Bearer " + token.value());
        }
    }

    private static String origin(URI uri) {
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            throw new IllegalArgumentException("MCP URL must be absolute, e.g. http://localhost:8080/mcp");
        }
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private static String pathAndQuery(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** A tool answered with {@code isError: true}; the message carries the tool's text. */
    public static final class ToolCallException extends RuntimeException {
        ToolCallException(String message) {
            super(message, null, false, false);
        }
    }
}
