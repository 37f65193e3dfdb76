package dev.authplane.examples.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * {@code java -jar backend-worker.jar}: reads {@code BACKEND_CLIENT_ID} / {@code BACKEND_SECRET}
 * from the environment, obtains a token for the MCP server's resource URI, calls its {@code query}
 * tool through the MCP Java SDK and prints the answer. With {@code --calls N} it keeps calling,
 * re-authenticating before the token expires.
 *
 * <p>Exit codes: 0 success, 1 the token request or the tool call failed, 2 bad usage.
 */
@Command(name = "backend-worker", mixinStandardHelpOptions = true, version = "backend-worker 0.1.0",
        description = "Obtain a client_credentials token and call an MCP server's 'query' tool.")
public final class BackendWorker implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--token-url", defaultValue = "http://localhost:9000/oauth/token",
            description = "Token endpoint (default: ${DEFAULT-VALUE}).")
    URI tokenUrl;

    @Option(names = "--resource", defaultValue = "http://localhost:8080/mcp",
            description = "The MCP server's resource URI, the token's audience (default: ${DEFAULT-VALUE}).")
    String resource;

    @Option(names = "--scope", defaultValue = "tools/query",
            description = "Scopes to request, space-separated; empty for all registered scopes (default: ${DEFAULT-VALUE}).")
    String scope;

    @Option(names = "--mcp-url", description = "MCP endpoint to call (default: the resource URI).")
    URI mcpUrl;

    @Option(names = "--auth-method", defaultValue = "client_secret_post",
            description = "client_secret_post or client_secret_basic (default: ${DEFAULT-VALUE}).")
    String authMethod;

    @Option(names = "--input", defaultValue = "status of the nightly build",
            description = "Text passed to the query tool (default: ${DEFAULT-VALUE}).")
    String input;

    @Option(names = "--dpop", description = "Bind the token to a key of this worker with DPoP (RFC 9449).")
    boolean dpop;

    @Option(names = "--calls", defaultValue = "1", description = "How many tool calls to make (default: ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = "--interval-seconds", defaultValue = "0",
            description = "Pause between calls (default: ${DEFAULT-VALUE}).")
    long intervalSeconds;

    private final Map<String, String> env;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Clock clock;

    BackendWorker(Map<String, String> env, PrintWriter out, PrintWriter err, Clock clock) {
        this.env = Objects.requireNonNull(env, "env");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Runs the worker with the process environment; exits with its exit code. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, System.getenv(), out, err, Clock.systemUTC()));
    }

    static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err, Clock clock) {
        CommandLine cli = new CommandLine(new BackendWorker(env, out, err, clock));
        cli.setOut(out).setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            err.println("backend-worker: " + oneLine(e));
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws InterruptedException {
        String clientId = env.get("BACKEND_CLIENT_ID");
        String secret = env.get("BACKEND_SECRET");
        String usageError = usageError(clientId, secret);
        if (usageError != null) {
            err.println("backend-worker: " + usageError);
            return 2;
        }
        DPoPProofs proofs = dpop ? new DPoPProofs(clock) : null;
        TokenClient tokenClient = new TokenClient(HttpClient.newHttpClient(), tokenUrl, clientId, secret,
                parseAuthMethod(authMethod), clock, proofs);
        TokenSource tokens = new TokenSource(tokenClient, resource, scope, clock, this::reportToken);
        tokens.token();
        try (McpToolCaller mcp = new McpToolCaller(mcpUrl != null ? mcpUrl : URI.create(resource), tokens, proofs)) {
            mcp.initialize();
            for (int i = 1; i <= calls; i++) {
                out.println("query: " + mcp.call("query", Map.of("input", input)));
                if (i < calls) {
                    Thread.sleep(Duration.ofSeconds(intervalSeconds).toMillis());
                }
            }
        }
        return 0;
    }

    private void reportToken(AccessToken token) {
        out.println("token: " + token.type() + ", expires in " + token.expiresIn().toSeconds() + "s, claims "
                + claimSummary(token.value()) + boundKey(token.value()));
    }

    /** For a DPoP-bound token, the {@code cnf.jkt} it carries. */
    private static String boundKey(String jwt) {
        try {
            String jkt = JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1])).path("cnf").path("jkt").asText("");
            return jkt.isEmpty() ? "" : ", bound to key " + jkt;
        } catch (java.io.IOException | RuntimeException e) {
            return "";
        }
    }

    /** The token's {@code {sub, client_id, aud, scope}}, decoded like the seed's {@code cut | base64 -d | jq}. */
    static String claimSummary(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return "(not a JWT)";
        }
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            ObjectNode summary = JSON.createObjectNode();
            for (String name : new String[] {"sub", "client_id", "aud", "scope"}) {
                summary.set(name, claims.get(name));
            }
            return JSON.writeValueAsString(summary);
        } catch (java.io.IOException | IllegalArgumentException e) {
            return "(undecodable payload)";
        }
    }

    private String usageError(String clientId, String secret) {
        if (isBlank(clientId) || isBlank(secret)) {
            return "set BACKEND_CLIENT_ID and BACKEND_SECRET to the client_id and client_secret"
                    + " printed by 'authserver admin client create'";
        }
        if (parseAuthMethod(authMethod) == null) {
            return "--auth-method must be client_secret_post or client_secret_basic";
        }
        if (calls < 1 || intervalSeconds < 0) {
            return "--calls must be at least 1 and --interval-seconds not negative";
        }
        if (!tokenUrl.isAbsolute()) {
            return "--token-url must be an absolute URL, e.g. http://localhost:9000/oauth/token";
        }
        return null;
    }

    private static TokenClient.AuthMethod parseAuthMethod(String text) {
        return switch (text) {
            case "client_secret_post" -> TokenClient.AuthMethod.CLIENT_SECRET_POST;
            case "client_secret_basic" -> TokenClient.AuthMethod.CLIENT_SECRET_BASIC;
            default -> null;
        };
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** The first line of the most specific message in {@code e}'s cause chain. */
    static String oneLine(Throwable e) {
        Throwable t = e;
        String message = null;
        while (t != null) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
            if (t instanceof McpHttpClientTransportAuthorizationException refused) {
                return "MCP server refused the token: HTTP " + refused.getResponseInfo().statusCode() + " "
                        + refused.getResponseInfo().headers().firstValue("WWW-Authenticate").orElse("");
            }
            if (t instanceof TokenRequestException || t instanceof McpToolCaller.ToolCallException) {
                break;
            }
            t = t.getCause();
        }
        String text = message == null ? e.getClass().getSimpleName() : message;
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
