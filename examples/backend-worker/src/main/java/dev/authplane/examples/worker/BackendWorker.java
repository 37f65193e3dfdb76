package dev.authplane.examples.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * {@code java -jar backend-worker.jar [MCP_URL]}: reads {@code BACKEND_CLIENT_ID} / {@code BACKEND_SECRET}
 * from the environment, discovers the authorization server from the MCP server's 401 (or takes
 * {@code --token-url}), obtains a token for the MCP server's resource URI, calls its {@code query}
 * tool through the MCP Java SDK and prints the answer. With {@code --calls N} it keeps calling,
 * re-authenticating before the token expires.
 *
 * <p>Exit codes: 0 success, 1 the token request or the tool call failed, 2 bad usage.
 */
@Command(name = "backend-worker", mixinStandardHelpOptions = true, version = "backend-worker 0.1.0",
        description = "Obtain a client_credentials token and call an MCP server's tool ('query' by default).")
public final class BackendWorker implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The resource URI when neither discovery nor {@code --resource} names one. */
    static final String DEFAULT_RESOURCE = "http://localhost:8080/mcp";

    @Parameters(arity = "0..1", paramLabel = "MCP_URL",
            description = "The MCP server's URL; the token endpoint, resource and scope are discovered from it"
                    + " (401 challenge, RFC 9728, RFC 8414) unless --token-url is given.")
    URI serverUrl;

    @Option(names = "--token-url",
            description = "Token endpoint; skips discovery (then --resource defaults to " + DEFAULT_RESOURCE + ").")
    URI tokenUrl;

    @Option(names = "--resource",
            description = "The MCP server's resource URI, the token's audience (default: discovered, or " + DEFAULT_RESOURCE + ").")
    String resource;

    @Option(names = "--scope",
            description = "Scopes to request, space-separated (default: the scope the MCP server's 401 names,"
                    + " else all registered scopes).")
    String scope;

    @Option(names = "--mcp-url", description = "MCP endpoint to call (default: MCP_URL, else the resource URI).")
    URI mcpUrl;

    @Option(names = "--auth-method",
            description = "client_secret_post or client_secret_basic (default: client_secret_basic when the"
                    + " authorization server lists it, else client_secret_post); private_key_jwt with --private-key.")
    String authMethod;

    @Option(names = "--private-key", paramLabel = "FILE",
            description = "Authenticate with private_key_jwt (RFC 7523): sign a fresh assertion per token request"
                    + " with this private key, a JWK (as 'authserver admin keygen' writes it) or a PKCS#8 PEM;"
                    + " no BACKEND_SECRET then.")
    Path privateKey;

    @Option(names = "--key-id", paramLabel = "KID",
            description = "The kid the public key is registered under (default: the JWK's own kid; required for PEM).")
    String keyId;

    @Option(names = "--issuer", paramLabel = "URL",
            description = "The authorization server's issuer, the assertions' audience (default: discovered;"
                    + " required with --token-url and --private-key).")
    String issuer;

    @Option(names = "--tool", defaultValue = "query", description = "The tool to call (default: ${DEFAULT-VALUE}).")
    String tool;

    @Option(names = "--input", defaultValue = "status of the nightly build",
            description = "Text passed to the tool as its 'input' argument (default: ${DEFAULT-VALUE}).")
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
        HttpClient http = HttpClient.newHttpClient();
        Target target = target(http);
        TokenClient tokenClient = privateKey == null
                ? new TokenClient(http, target.tokenEndpoint(), clientId, secret, parseAuthMethod(target.authMethod()),
                        clock, proofs)
                : new TokenClient(http, target.tokenEndpoint(), clientId, new ClientAssertionSigner(clientId,
                        ClientAssertionSigner.readKey(privateKey, keyId), target.issuer(), clock), clock, proofs);
        TokenSource tokens = new TokenSource(tokenClient, target.resource(), target.scope(), clock, this::reportToken);
        tokens.token();
        try (McpToolCaller mcp = new McpToolCaller(target.mcpEndpoint(), tokens, proofs)) {
            mcp.initialize();
            for (int i = 1; i <= calls; i++) {
                out.println(tool + ": " + mcp.call(tool, Map.of("input", input)));
                if (i < calls) {
                    Thread.sleep(Duration.ofSeconds(intervalSeconds).toMillis());
                }
            }
        }
        return 0;
    }

    /** Where to get tokens and what to ask for: from the flags, or discovered from the MCP server. */
    private record Target(URI tokenEndpoint, String resource, String scope, String authMethod, URI mcpEndpoint,
                          String issuer) {
    }

    private Target target(HttpClient http) {
        if (tokenUrl != null) {
            String audience = resource != null ? resource : DEFAULT_RESOURCE;
            URI endpoint = mcpUrl != null ? mcpUrl : serverUrl != null ? serverUrl : URI.create(audience);
            return new Target(tokenUrl, audience, scope, authMethod != null ? authMethod : "client_secret_post", endpoint,
                    issuer);
        }
        URI endpoint = mcpUrl != null ? mcpUrl : serverUrl != null ? serverUrl
                : URI.create(resource != null ? resource : DEFAULT_RESOURCE);
        AuthorizationDiscovery.Found found = new AuthorizationDiscovery(http).discover(endpoint);
        String method = authMethod != null ? authMethod
                : found.authMethods().contains("client_secret_basic") ? "client_secret_basic" : "client_secret_post";
        return new Target(found.tokenEndpoint(), resource != null ? resource : found.resource(),
                scope != null ? scope : found.challengeScope(), method, endpoint,
                issuer != null ? issuer : found.issuer());
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
        if (privateKey != null) {
            if (isBlank(clientId)) {
                return "set BACKEND_CLIENT_ID to the client_id printed by 'authserver admin client create'";
            }
            if (authMethod != null && !authMethod.equals("private_key_jwt")) {
                return "--private-key authenticates with private_key_jwt; leave out --auth-method " + authMethod;
            }
            if (tokenUrl != null && isBlank(issuer)) {
                return "--issuer is required with --token-url and --private-key (the assertions' audience)";
            }
        } else if (isBlank(clientId) || isBlank(secret)) {
            return "set BACKEND_CLIENT_ID and BACKEND_SECRET to the client_id and client_secret"
                    + " printed by 'authserver admin client create', or give --private-key";
        } else if (authMethod != null && parseAuthMethod(authMethod) == null) {
            return "--auth-method must be client_secret_post or client_secret_basic (private_key_jwt needs"
                    + " --private-key)";
        }
        if (calls < 1 || intervalSeconds < 0) {
            return "--calls must be at least 1 and --interval-seconds not negative";
        }
        if (tokenUrl != null && !tokenUrl.isAbsolute()) {
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
