package dev.authplane.reliability;

import dev.authplane.core.support.SecureRandomIdGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The runnable server ({@code examples/authserver/target/authserver.jar serve}) as a separate
 * process on loopback ports, configured only through {@code AUTHPLANE_*} environment variables.
 * Its stdout and stderr go to {@code target/reliability/logs} (scanned by {@link LogHygieneCheck});
 * it logs at DEBUG so a secret logged at any level would be caught. The admin key is random and
 * recorded in the {@link SecretLedger}.
 */
final class ServerProcess implements AutoCloseable {

    static final String READY = "AuthPlane ready";
    private static final AtomicInteger STARTS = new AtomicInteger();

    private final String name;
    private final Map<String, String> env;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ServerProcess(String name, Map<String, String> env, Process process, Path stdout, Path stderr) {
        this.name = name;
        this.env = env;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * The environment of a fresh node: free loopback ports, issuer = its own public URL unless
     * {@code AUTHPLANE_SERVER_ISSUER} is in {@code overrides}, random admin key, bcrypt cost 4,
     * client_credentials on, DEBUG logs, plus {@code overrides}.
     */
    static Map<String, String> environment(Path dataDir, Map<String, String> overrides) {
        int port = freePort();
        String adminKey = new SecureRandomIdGenerator().randomToken(32);
        SecretLedger.record("admin-key", adminKey);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AUTHPLANE_SERVER_PORT", Integer.toString(port));
        env.put("AUTHPLANE_SERVER_BIND", "127.0.0.1");
        env.put("AUTHPLANE_SERVER_ISSUER", "http://127.0.0.1:" + port);
        env.put("AUTHPLANE_ADMIN_PORT", Integer.toString(freePort()));
        env.put("AUTHPLANE_ADMIN_API_KEY", adminKey);
        env.put("AUTHPLANE_DATA_DIR", dataDir.toString());
        env.put("AUTHPLANE_CLIENT_CREDENTIALS_ENABLED", "true");
        env.put("AUTHPLANE_SECURITY_BCRYPT_COST", "4");
        env.put("AUTHPLANE_LOG_LEVEL", "DEBUG");
        env.putAll(overrides);
        return env;
    }

    /** Starts {@code java -jar authserver.jar serve} with {@code env} and waits for its ready line. */
    static ServerProcess start(String name, Map<String, String> env) {
        Path jar = Path.of(System.getProperty("reliability.authserver.jar", "../examples/authserver/target/authserver.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("the runnable server is not built: " + jar + " (mvn -B package -pl examples/authserver -am)");
        }
        int n = STARTS.incrementAndGet();
        Path out = WorkDir.logs().resolve(name + "-" + n + ".out");
        Path err = WorkDir.logs().resolve(name + "-" + n + ".err");
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toAbsolutePath().toString(), "serve"))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("AUTHPLANE_"));
        builder.environment().putAll(env);
        try {
            ServerProcess server = new ServerProcess(name, env, builder.start(), out, err);
            server.awaitReady(Duration.ofSeconds(90));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (read(stdout).contains(READY)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " before it was ready: " + read(stderr));
            }
            sleep(100);
        }
        process.destroyForcibly();
        throw new AssertionError(name + " not ready within " + timeout + ": " + read(stderr));
    }

    /** The same node (same environment, same data) started again. */
    ServerProcess restart() {
        return start(name, env);
    }

    Map<String, String> env() {
        return env;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + env.get("AUTHPLANE_SERVER_PORT") + path);
    }

    URI tokenEndpoint() {
        return uri("/oauth/token");
    }

    HttpResponse<String> admin(String method, String path, String json) {
        return Http.admin(URI.create("http://127.0.0.1:" + env.get("AUTHPLANE_ADMIN_PORT")), env.get("AUTHPLANE_ADMIN_API_KEY"),
                method, path, json);
    }

    /** Registers a resource through the admin API. */
    void createResource(String slug, String uri) {
        expect(201, admin("POST", "/resources", "{\"slug\":\"" + slug + "\",\"uri\":\"" + uri
                + "\",\"backend_kind\":\"mint\",\"scopes\":[\"" + EmbeddedServer.SCOPE + "||Query tools\"]}"));
    }

    /** Registers a client through the admin API; its secret goes to the ledger. */
    TestClient createClient(String clientName, String authMethod) {
        HttpResponse<String> created = expect(201, admin("POST", "/clients", "{\"name\":\"" + clientName
                + "\",\"grant_types\":[\"client_credentials\"],\"token_endpoint_auth_method\":\"" + authMethod
                + "\",\"scopes\":[\"" + EmbeddedServer.SCOPE + "||Query tools\"]}"));
        var body = Http.json(created.body());
        SecretLedger.record("client-secret", body.path("client_secret").asText());
        return new TestClient(body.path("client_id").asText(), body.path("client_secret").asText(), authMethod);
    }

    static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new AssertionError("expected " + status + " but got " + response.statusCode() + ": "
                    + ResponseRules.clip(response.body()));
        }
        return response;
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " survived SIGKILL");
        }
    }

    /** SIGTERM and wait for a clean exit. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Everything the process wrote to stderr so far (its log). */
    String log() {
        return read(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
