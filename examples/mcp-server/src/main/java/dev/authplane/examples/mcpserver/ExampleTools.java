package dev.authplane.examples.mcpserver;

import dev.authplane.mcp.verifier.TokenVerifier;
import dev.authplane.mcp.verifier.TokenVerifierBuilder;
import dev.authplane.mcp.verifier.VerifiedToken;
import dev.authplane.mcp.verifier.sdk.McpAuthorization;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The example server's tools. Each answers from the {@link VerifiedToken} the verifier put into the
 * MCP transport context, so the answers show who called: a tool handler never sees the raw token.
 */
final class ExampleTools {

    /** The scope the {@code query} tool requires (the seed's {@code tools/query}). */
    static final String QUERY_SCOPE = "tools/query";

    /** The name of the tool that needs {@value #QUERY_SCOPE}. */
    static final String QUERY_TOOL = "query";

    private ExampleTools() {
    }

    /**
     * A verifier builder for these tools: calling {@value #QUERY_TOOL} needs {@value #QUERY_SCOPE}
     * (checked by the filter before dispatch, and again inside the tool).
     */
    static TokenVerifierBuilder verifier(String issuer, String resource) {
        return TokenVerifier.builder(issuer, resource).toolScopes(QUERY_TOOL, QUERY_SCOPE);
    }

    static List<SyncToolSpecification> all() {
        return List.of(query(), whoami());
    }

    /** {@code query}: needs {@value #QUERY_SCOPE}; answers with the caller's {@code client_id}. */
    static SyncToolSpecification query() {
        Tool tool = Tool.builder()
                .name(QUERY_TOOL)
                .description("Answers a query for the calling backend. Requires scope " + QUERY_SCOPE + ".")
                .inputSchema(Map.of("type", "object", "properties", Map.of("input",
                        Map.of("type", "string", "description", "What to look up"))))
                .build();
        return McpAuthorization.requireScopes(new SyncToolSpecification(tool, (exchange, request) ->
                answer(exchange, token -> "Query \"" + input(request) + "\" answered for client_id " + token.clientId()
                        + " (scopes: " + String.join(" ", new TreeSet<>(token.scopes())) + ")")), QUERY_SCOPE);
    }

    /** {@code whoami}: any valid token; shows {@code client_id}, {@code sub}, scopes and expiry. */
    static SyncToolSpecification whoami() {
        Tool tool = Tool.builder()
                .name("whoami")
                .description("Shows the verified caller: client_id, subject, scopes, token expiry.")
                .inputSchema(Map.of("type", "object", "properties", Map.of()))
                .build();
        return new SyncToolSpecification(tool, (exchange, request) -> answer(exchange, token ->
                "client_id " + token.clientId() + ", sub " + token.subject() + ", scopes ["
                        + String.join(" ", new TreeSet<>(token.scopes())) + "], expires " + token.expiresAt()
                        + (token.isDPoPBound() ? ", DPoP-bound" : "")));
    }

    private static CallToolResult answer(McpSyncServerExchange exchange, Function<VerifiedToken, String> text) {
        return McpAuthorization.verifiedToken(exchange)
                .map(token -> CallToolResult.builder().addTextContent(text.apply(token)).build())
                .orElseGet(() -> CallToolResult.builder().isError(true)
                        .addTextContent("no verified access token on this request").build());
    }

    private static String input(CallToolRequest request) {
        Object value = request.arguments() == null ? null : request.arguments().get("input");
        return value == null ? "" : value.toString();
    }
}
