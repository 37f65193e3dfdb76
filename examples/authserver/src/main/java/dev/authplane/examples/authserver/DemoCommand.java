package dev.authplane.examples.authserver;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authplane.examples.authserver.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.net.URLEncoder.encode;
import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * {@code authserver demo}: the seed's whole story in one command, on a throwaway database and free
 * loopback ports. The server runs in this process; the example MCP server and the backend worker
 * run as child processes, exactly as they would in production. Exits 0 when every step worked.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the machine-to-machine story end to end on a throwaway database and free ports.")
final class DemoCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DefaultPrettyPrinter JQ_STYLE = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"));
    private static final String SCOPE = "tools/query||Query tools";
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    @Option(names = "--mcp-server-jar", paramLabel = "JAR", description = "Default: examples/mcp-server/target/mcp-server.jar.")
    Path mcpServerJar;

    @Option(names = "--worker-jar", paramLabel = "JAR", description = "Default: examples/backend-worker/target/backend-worker.jar.")
    Path workerJar;

    private final CliContext context;
    private static final int STEPS = 9;
    private int step;

    DemoCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Path mcpJar = siblingJar(mcpServerJar, "mcp-server");
        Path worker = siblingJar(workerJar, "backend-worker");
        Path dataDir = Files.createTempDirectory("authplane-demo-");
        PrintWriter out = context.out();
        out.println("AuthPlane demo: the backend-service story on a throwaway database (" + dataDir + ")");
        DemoRun run = new DemoRun(dataDir);
        Thread cleanupOnCtrlC = new Thread(run::closeQuietly, "demo-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanupOnCtrlC);
        try {
            play(run, mcpJar, worker);
        } finally {
            Runtime.getRuntime().removeShutdownHook(cleanupOnCtrlC);
            run.close();
        }
        out.println();
        out.println("Demo complete: tokens minted for the resource (with a secret and with a private key), MCP tool"
                + " called with them, issuance audited. Throwaway data deleted.");
        return 0;
    }

    private void play(DemoRun run, Path mcpJar, Path workerJar) throws Exception {
        heading("Start AuthPlane with the client_credentials grant enabled (AUTHPLANE_CLIENT_CREDENTIALS_ENABLED=true)");
        run.server = AuthServer.start(ConfigLoader.load(Map.of(), run.serverEnv()), context.err());
        context.out().println(run.server.readyLine());

        heading("Register the MCP server as a resource");
        admin(run, "resource", "create", "--slug", "my-mcp", "--uri", run.resource, "--backend-kind", "mint",
                "--scopes", SCOPE);

        heading("Register the backend as a confidential client");
        String created = admin(run, "client", "create", "--name", "backend-worker", "--grant-types",
                "client_credentials", "--auth-method", "client_secret_post", "--scopes", SCOPE);
        String clientId = field(created, "client_id");
        String secret = field(created, "client_secret");

        heading("Request a token: POST " + run.issuer + "/oauth/token (grant_type=client_credentials, client_secret_post)");
        requestAndDecodeToken(run, clientId, secret);

        heading("Start the example MCP server; it verifies tokens against AuthPlane's JWKS");
        run.mcpServer = ChildProcess.startJar("mcp-server", mcpJar, List.of("--port", Integer.toString(run.mcpPort),
                "--bind", "127.0.0.1", "--issuer", run.issuer, "--resource", run.resource), Map.of(), context.out());
        run.mcpServer.awaitLine("MCP server ready", CHILD_TIMEOUT);

        heading("Run the backend worker: client_credentials token, then the MCP tool 'query'");
        runWorker(run, workerJar, Map.of("BACKEND_CLIENT_ID", clientId, "BACKEND_SECRET", secret));

        heading("A second backend holds no secret at all: make it a key pair (private_key_jwt, RFC 7523)");
        Path privateKey = run.dataDir.resolve("signing-agent.jwk");
        Path publicJwks = run.dataDir.resolve("signing-agent.jwks.json");
        Files.writeString(publicJwks, admin(run, "keygen", "--kid", "signing-agent-1", "--out", privateKey.toString()));

        heading("Register it with its public key and run the worker, which signs an assertion per token request");
        String keyClient = field(admin(run, "client", "create", "--name", "signing-agent", "--auth-method",
                "private_key_jwt", "--jwks-file", publicJwks.toString(), "--scopes", SCOPE), "client_id");
        runWorker(run, workerJar, Map.of("BACKEND_CLIENT_ID", keyClient), "--private-key", privateKey.toString(),
                "--issuer", run.issuer);

        heading("The issuance audit: how each client authenticated");
        admin(run, "issuance", "list", "--limit", "4");
    }

    private void heading(String title) {
        step++;
        context.out().println();
        context.out().println("[" + step + "/" + STEPS + "] " + title);
    }

    /** Runs an admin CLI command against the demo server, echoing it and its output. */
    private String admin(DemoRun run, String... args) {
        context.out().println("$ authserver admin " + String.join(" ", quoted(args)));
        StringWriter captured = new StringWriter();
        PrintWriter tee = new PrintWriter(captured, true);
        Map<String, String> env = Map.of("AUTHPLANE_ADMIN_URL", run.server.adminUrl(),
                "AUTHPLANE_ADMIN_API_KEY", run.server.adminKey());
        String[] argv = new String[args.length + 1];
        argv[0] = "admin";
        System.arraycopy(args, 0, argv, 1, args.length);
        int code = AuthServerCli.execute(new CliContext(env, tee, context.err()), argv);
        context.out().print(captured);
        context.out().flush();
        if (code != 0) {
            throw new CliException("demo step failed: authserver admin " + String.join(" ", args), CliException.FAILED);
        }
        return captured.toString();
    }

    private void requestAndDecodeToken(DemoRun run, String clientId, String secret) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + encode(clientId, UTF_8) + "&client_secret="
                + encode(secret, UTF_8) + "&scope=tools%2Fquery&resource=" + encode(run.resource, UTF_8);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(run.issuer + "/oauth/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200) {
            throw new CliException("token request refused: HTTP " + response.statusCode() + " " + response.body(),
                    CliException.FAILED);
        }
        String token = body.path("access_token").asText();
        ObjectNode shown = body.deepCopy();
        shown.put("access_token", token.substring(0, Math.min(24, token.length())) + "...");
        context.out().println("HTTP 200 " + JSON.writeValueAsString(shown));
        context.out().println("Decoded claims (cut -d. -f2 | base64 -d | jq '{sub, client_id, aud, scope}'):");
        context.out().println(JSON.writer(JQ_STYLE).writeValueAsString(claimSummary(token)));
    }

    private void runWorker(DemoRun run, Path jar, Map<String, String> credentials, String... extraArgs)
            throws InterruptedException {
        List<String> args = new ArrayList<>(List.of("--token-url", run.issuer + "/oauth/token", "--resource",
                run.resource, "--scope", "tools/query"));
        args.addAll(List.of(extraArgs));
        try (ChildProcess worker = ChildProcess.startJar("backend-worker", jar, args, credentials, context.out())) {
            int code = worker.awaitExit(CHILD_TIMEOUT);
            if (code != 0) {
                throw new CliException("the backend worker failed (exit code " + code + ")", CliException.FAILED);
            }
        }
    }

    static ObjectNode claimSummary(String jwt) throws IOException {
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        ObjectNode summary = JSON.createObjectNode();
        for (String name : List.of("sub", "client_id", "aud", "scope")) {
            summary.set(name, claims.get(name));
        }
        return summary;
    }

    private static String field(String output, String name) {
        Matcher m = Pattern.compile("(?m)^\\s+" + Pattern.quote(name) + "\\s+(\\S+)\\s*$").matcher(output);
        if (!m.find()) {
            throw new CliException("demo: no " + name + " in the admin output", CliException.FAILED);
        }
        return m.group(1);
    }

    private static List<String> quoted(String[] args) {
        return java.util.Arrays.stream(args).map(a -> a.contains("|") || a.contains(" ") ? "'" + a + "'" : a).toList();
    }

    /** The jar given by option, or the one the reactor builds next to this module. */
    private static Path siblingJar(Path option, String module) throws Exception {
        Path jar = option;
        if (jar == null) {
            Path self = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path examples = self.toAbsolutePath().getParent().getParent().getParent();
            jar = examples.resolve(module).resolve("target").resolve(module + ".jar");
        }
        if (!Files.isRegularFile(jar)) {
            throw new CliException(module + ".jar not found at " + jar + "; build it with 'mvn -q -DskipTests -pl examples/"
                    + module + " -am package' (./authserver demo does this for you)", CliException.USAGE);
        }
        return jar;
    }
}
