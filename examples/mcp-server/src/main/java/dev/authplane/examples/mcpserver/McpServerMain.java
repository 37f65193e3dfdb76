package dev.authplane.examples.mcpserver;

import dev.authplane.crypto.CryptoProviders;
import dev.authplane.mcp.verifier.TokenVerifier;
import dev.authplane.mcp.verifier.TokenVerifierBuilder;
import dev.authplane.mcp.verifier.servlet.OriginPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar mcp-server.jar --port 8080 --issuer http://localhost:9000 --resource http://localhost:8080/mcp}:
 * runs the example MCP server until SIGTERM. Prints one ready line; a port in use or a bad option is
 * one line on stderr and exit code 2.
 */
@Command(name = "mcp-server", mixinStandardHelpOptions = true, version = "mcp-server 0.1.0",
        description = "An MCP server protected by AuthPlane access tokens (tools: query, whoami).")
public final class McpServerMain implements Callable<Integer> {

    private static final int USAGE = 2;
    private static final String SECRET_ENV = "MCP_INTROSPECTION_CLIENT_SECRET";
    private static final String METRICS_TOKEN_ENV = "MCP_METRICS_TOKEN";

    @Option(names = "--port", defaultValue = "8080", description = "Listening port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "Listening address (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--issuer", defaultValue = "http://localhost:9000",
            description = "The authorization server's issuer, as in its tokens (default: ${DEFAULT-VALUE}).")
    String issuer;

    @Option(names = "--resource", defaultValue = "http://localhost:8080/mcp",
            description = "This server's resource URI, as registered; the MCP endpoint is its path (default: ${DEFAULT-VALUE}).")
    String resource;

    @Option(names = "--allowed-origin", paramLabel = "ORIGIN",
            description = "A browser origin (scheme://host[:port]) allowed besides the resource URI's own; repeatable.")
    List<String> allowedOrigins = new ArrayList<>();

    @Option(names = "--allowed-host", paramLabel = "HOST",
            description = "A Host header value (name[:port]) allowed besides the resource URI's authority; repeatable.")
    List<String> allowedHosts = new ArrayList<>();

    @Option(names = "--required-scope", paramLabel = "SCOPE",
            description = "A scope every request needs, named in the 401 challenge; repeatable (default: none).")
    List<String> requiredScopes = new ArrayList<>();

    @Option(names = "--jwks-uri", description = "The issuer's JWKS URL (default: discovered from its RFC 8414 metadata).")
    String jwksUri;

    @Option(names = "--introspection-client-id", paramLabel = "ID",
            description = "Also ask the issuer whether each token is still active (RFC 7662), as this client"
                    + " (created with 'admin client create --introspect --resources SLUG'); default: local checks only.")
    String introspectionClientId;

    @Option(names = "--introspection-client-secret-file", paramLabel = "FILE",
            description = "File holding that client's secret (else the env var " + SECRET_ENV + ").")
    Path introspectionSecretFile;

    @Option(names = "--revocation-staleness", paramLabel = "DURATION", defaultValue = "30s",
            description = "How long an introspection answer is trusted: a revoked token is refused within it"
                    + " (1s to 1h; default: ${DEFAULT-VALUE}).")
    String revocationStaleness;

    @Option(names = "--metrics-token-file", paramLabel = "FILE",
            description = "Serve GET /metrics (Prometheus text) to bearers of the token in FILE (else the env var "
                    + METRICS_TOKEN_ENV + "; neither: /metrics is not served).")
    Path metricsTokenFile;

    @Option(names = "--crypto-provider", paramLabel = "auto|jdk|NAME", defaultValue = "auto",
            description = "Who verifies token and DPoP proof signatures: auto (native Conscrypt when it loads here"
                    + " and passes a self-check, else the JDK), jdk, or an installed JCA provider (default: ${DEFAULT-VALUE}).")
    String cryptoProvider;

    @Option(names = "--introspection-fail-open",
            description = "Accept locally valid tokens while the issuer cannot be asked (default: answer 503).")
    boolean introspectionFailOpen;

    private final PrintWriter out;
    private final PrintWriter err;
    private final CountDownLatch stopped = new CountDownLatch(1);

    McpServerMain(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the server until the JVM is asked to stop. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        CommandLine cli = new CommandLine(new McpServerMain(out, err)).setOut(out).setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            err.println("mcp-server: " + e);
            return 1;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        TokenVerifier verifier;
        OriginPolicy origins;
        MetricsServlet metrics;
        try {
            origins = origins();
            String metricsToken = secret(metricsTokenFile, METRICS_TOKEN_ENV);
            metrics = metricsToken == null ? null : new MetricsServlet(metricsToken);
            verifier = verifier(metrics);
        } catch (IllegalArgumentException e) {
            err.println("mcp-server: " + e.getMessage());
            return USAGE;
        }
        ProtectedMcpServer server;
        try {
            server = ProtectedMcpServer.start(bind, port, verifier, origins, metrics);
        } catch (IOException e) {
            verifier.close();
            err.println("mcp-server: cannot listen on " + bind + ":" + port + " (" + describe(e) + ")");
            return USAGE;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server), "mcp-server-shutdown"));
        warnOnPortMismatch(server.port());
        out.println("MCP server ready: " + resource + " (tools: query, whoami; metadata "
                + verifier.protectedResourceMetadataUrl() + "; trusting issuer " + issuer
                + (introspectionClientId == null ? "" : "; introspecting tokens, staleness " + revocationStaleness
                + (introspectionFailOpen ? ", fail-open" : ", fail-closed"))
                + (metrics == null ? "" : "; metrics " + resource.replaceFirst("(//[^/]+).*", "$1") + MetricsServlet.PATH)
                + ")");
        stopped.await();
        return 0;
    }

    private TokenVerifier verifier(MetricsServlet metrics) {
        TokenVerifierBuilder builder = ExampleTools.verifier(issuer, resource)
                .requiredScopes(requiredScopes.toArray(String[]::new));
        if (metrics != null) {
            builder.observer(metrics.observer());
        }
        builder.cryptoProvider(CryptoProviders.choose(cryptoProvider, "--crypto-provider").provider());
        if (jwksUri != null) {
            builder.jwksUri(jwksUri);
        }
        if (introspectionClientId != null) {
            builder.introspection(introspectionClientId, introspectionSecret())
                    .revocationStaleness(duration(revocationStaleness, "--revocation-staleness"))
                    .introspectionFailOpen(introspectionFailOpen);
        } else if (introspectionSecretFile != null || introspectionFailOpen) {
            throw new IllegalArgumentException("--introspection-client-secret-file and --introspection-fail-open"
                    + " need --introspection-client-id");
        }
        return builder.build();
    }

    /** The introspection client's secret from its file (first line) or the environment; never printed. */
    private String introspectionSecret() {
        String secret = secret(introspectionSecretFile, SECRET_ENV);
        if (secret == null) {
            throw new IllegalArgumentException("--introspection-client-id needs the client's secret:"
                    + " --introspection-client-secret-file FILE or " + SECRET_ENV);
        }
        return secret;
    }

    /** A secret from the first line of {@code file}, else from the environment variable {@code env}; {@code null} when neither has one. */
    private static String secret(Path file, String env) {
        if (file != null) {
            try {
                return Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst()
                        .map(String::strip).filter(line -> !line.isEmpty()).orElseThrow(() ->
                                new IllegalArgumentException(file + " is empty"));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
            }
        }
        String secret = System.getenv(env);
        return secret == null || secret.isBlank() ? null : secret.strip();
    }

    /** {@code 30s}, {@code 5m}, {@code 1h}, or ISO-8601 {@code PT30S}. */
    static Duration duration(String text, String option) {
        try {
            char unit = text.charAt(text.length() - 1);
            long n = unit == 's' || unit == 'm' || unit == 'h' ? Long.parseLong(text.substring(0, text.length() - 1)) : -1;
            return switch (unit) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> Duration.parse(text);
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(option + " must be a duration such as 30s, 5m or 1h");
        }
    }

    /** The resource URI's origin and authority, plus the ones named on the command line; Host is checked. */
    private OriginPolicy origins() {
        OriginPolicy policy = OriginPolicy.forResource(resource).withHostCheck();
        for (String origin : allowedOrigins) {
            policy = policy.allowOrigin(origin);
        }
        for (String host : allowedHosts) {
            policy = policy.allowHost(host);
        }
        return policy;
    }

    private void stop(ProtectedMcpServer server) {
        try {
            server.close();
            err.println("mcp-server: stopped");
        } catch (Exception e) {
            err.println("mcp-server: error while stopping: " + e.getMessage());
        } finally {
            stopped.countDown();
        }
    }

    private void warnOnPortMismatch(int actualPort) {
        URI uri = URI.create(resource);
        int resourcePort = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        boolean local = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost());
        if (local && resourcePort != actualPort) {
            err.println("mcp-server: note: --resource names port " + resourcePort + " but the server listens on "
                    + actualPort + "; clients must reach it at the resource URI");
        }
    }

    private static String describe(IOException e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof BindException) {
                return "port in use or address not available";
            }
            t = t.getCause();
        }
        return e.getMessage();
    }
}
