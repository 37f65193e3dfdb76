package dev.authplane.mcp.verifier.sdk;

import dev.authplane.mcp.verifier.VerifiedToken;
import dev.authplane.mcp.verifier.servlet.OriginPolicy;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import jakarta.servlet.http.HttpServletRequest;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Glue between {@link dev.authplane.mcp.verifier.servlet.AccessTokenFilter} and the official MCP
 * Java SDK's servlet transports ({@code HttpServletStreamableServerTransportProvider},
 * {@code HttpServletStatelessServerTransport}). Pass {@link #contextExtractor()} to the transport
 * builder's {@code contextExtractor(…)}; tool handlers then read the verified client id, subject
 * and scopes with {@link #verifiedToken(McpTransportContext)} or guard themselves with the
 * {@code requireScopes} wrappers (sync, async and stateless tool specifications). Stateless and
 * thread-safe.
 */
public final class McpAuthorization {

    /** The {@link McpTransportContext} key under which the {@link VerifiedToken} is stored. */
    public static final String CONTEXT_KEY = "dev.authplane.verified-token";

    private static final McpTransportContextExtractor<HttpServletRequest> EXTRACTOR = request ->
            request.getAttribute(VerifiedToken.REQUEST_ATTRIBUTE) instanceof VerifiedToken token
                    ? McpTransportContext.create(Map.of(CONTEXT_KEY, token))
                    : McpTransportContext.EMPTY;

    private McpAuthorization() {
    }

    /** Copies the filter's {@link VerifiedToken} from the servlet request into the SDK's transport context. */
    public static McpTransportContextExtractor<HttpServletRequest> contextExtractor() {
        return EXTRACTOR;
    }

    /**
     * The {@link OriginPolicy} as the SDK transport's {@code securityValidator(…)}, for transports
     * that are not behind an {@link dev.authplane.mcp.verifier.servlet.AccessTokenFilter} (which
     * applies the policy itself, before any token work): a refused {@code Origin} or {@code Host}
     * becomes the SDK's 403.
     */
    public static ServerTransportSecurityValidator securityValidator(OriginPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        return headers -> {
            String refusal = policy.refusal(header(headers, "Origin"), header(headers, "Host"));
            if (refusal != null) {
                throw new ServerTransportSecurityException(403, refusal);
            }
        };
    }

    private static String header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
    }

    /** The verified token of the request being handled; empty when the filter did not run. */
    public static Optional<VerifiedToken> verifiedToken(McpTransportContext context) {
        return context != null && context.get(CONTEXT_KEY) instanceof VerifiedToken token
                ? Optional.of(token) : Optional.empty();
    }

    /** The verified token of the request behind {@code exchange}. */
    public static Optional<VerifiedToken> verifiedToken(McpSyncServerExchange exchange) {
        return verifiedToken(Objects.requireNonNull(exchange, "exchange").transportContext());
    }

    /** Whether the request's verified token grants every one of {@code scopes}. */
    public static boolean hasScopes(McpTransportContext context, String... scopes) {
        return verifiedToken(context).map(t -> t.hasAllScopes(List.of(scopes))).orElse(false);
    }

    /**
     * Wraps a tool so that it runs only when the caller's token grants every one of {@code scopes};
     * otherwise the call returns a tool error ({@code isError: true}) naming the missing scopes
     * with the RFC 6750 {@code insufficient_scope} code. The HTTP exchange itself has already been
     * authorised by the filter, so the refusal travels inside the MCP result.
     */
    public static SyncToolSpecification requireScopes(SyncToolSpecification tool, String... scopes) {
        Objects.requireNonNull(tool, "tool");
        return new SyncToolSpecification(tool.tool(), requireScopes(tool.callHandler(), scopes));
    }

    /** {@link #requireScopes(SyncToolSpecification, String...)} for a bare call handler. */
    public static BiFunction<McpSyncServerExchange, CallToolRequest, CallToolResult> requireScopes(
            BiFunction<McpSyncServerExchange, CallToolRequest, CallToolResult> handler, String... scopes) {
        Objects.requireNonNull(handler, "handler");
        CallToolResult refusal = insufficientScope(scopes);
        return (exchange, request) -> hasScopes(exchange.transportContext(), scopes)
                ? handler.apply(exchange, request) : refusal;
    }

    /** {@link #requireScopes(SyncToolSpecification, String...)} for the asynchronous server. */
    public static AsyncToolSpecification requireScopes(AsyncToolSpecification tool, String... scopes) {
        Objects.requireNonNull(tool, "tool");
        CallToolResult refusal = insufficientScope(scopes);
        BiFunction<McpAsyncServerExchange, CallToolRequest, Mono<CallToolResult>> handler = tool.callHandler();
        return new AsyncToolSpecification(tool.tool(), (exchange, request) -> hasScopes(exchange.transportContext(), scopes)
                ? handler.apply(exchange, request) : Mono.just(refusal));
    }

    /** {@link #requireScopes(SyncToolSpecification, String...)} for the stateless servlet transport. */
    public static McpStatelessServerFeatures.SyncToolSpecification requireScopes(
            McpStatelessServerFeatures.SyncToolSpecification tool, String... scopes) {
        Objects.requireNonNull(tool, "tool");
        CallToolResult refusal = insufficientScope(scopes);
        BiFunction<McpTransportContext, CallToolRequest, CallToolResult> handler = tool.callHandler();
        return new McpStatelessServerFeatures.SyncToolSpecification(tool.tool(),
                (context, request) -> hasScopes(context, scopes) ? handler.apply(context, request) : refusal);
    }

    private static CallToolResult insufficientScope(String... scopes) {
        if (scopes.length == 0) {
            throw new IllegalArgumentException("name at least one scope");
        }
        for (String scope : scopes) {
            Objects.requireNonNull(scope, "scope");
        }
        return CallToolResult.builder().isError(true)
                .addTextContent("insufficient_scope: this tool requires scope \"" + String.join(" ", new TreeSet<>(List.of(scopes))) + "\"")
                .build();
    }
}
