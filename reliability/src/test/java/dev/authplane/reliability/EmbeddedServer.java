package dev.authplane.reliability;

import dev.authplane.core.AuthPlane;
import dev.authplane.core.TestAuthPlanes;
import dev.authplane.core.admin.CreatedClient;
import dev.authplane.core.admin.NewClient;
import dev.authplane.core.admin.NewResource;
import dev.authplane.core.config.AuthPlaneConfig;
import dev.authplane.core.scope.ScopeDefinition;
import dev.authplane.core.support.SecureRandomIdGenerator;
import dev.authplane.jdbc.JdbcStorage;
import dev.authplane.servlet.AuthPlaneServlets;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * One AuthPlane on an embedded Jetty 12 bound to a random loopback port, wired the way an embedder
 * wires it: JDBC storage on a {@link DataSource}, public endpoints and admin API registered through
 * {@link AuthPlaneServlets}. The issuer is this server's own loopback URL, so DPoP proofs and
 * tokens are checked against the real endpoint. The admin key is random and recorded in the
 * {@link SecretLedger}.
 */
final class EmbeddedServer implements AutoCloseable {

    /** Every test's resource. */
    static final String RESOURCE = "https://mcp.example.test/mcp";
    static final String SCOPE = "tools/query";

    private final Server jetty;
    private final AuthPlane authPlane;
    private final JdbcStorage storage;
    private final URI base;
    private final String adminKey;

    private EmbeddedServer(Server jetty, AuthPlane authPlane, JdbcStorage storage, URI base, String adminKey) {
        this.jetty = jetty;
        this.authPlane = authPlane;
        this.storage = storage;
        this.base = base;
        this.adminKey = adminKey;
    }

    /**
     * Starts a server on {@code dataSource} (migrating its schema) with the test configuration:
     * client_credentials on, bcrypt cost 4, plus {@code overrides} ({@code section -> key -> value}).
     */
    static EmbeddedServer start(DataSource dataSource, Map<String, Map<String, Object>> overrides) {
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        try {
            connector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        URI base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
        AuthPlaneConfig config = config(base.toString(), overrides);
        JdbcStorage storage = JdbcStorage.create(dataSource, null);
        AuthPlane authPlane = storage.wire(AuthPlane.builder(config)).build();
        String adminKey = new SecureRandomIdGenerator().randomToken(32);
        SecretLedger.record("admin-key", adminKey);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addEventListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                AuthPlaneServlets.register(event.getServletContext(), authPlane);
                // The hostile and timing corpora send many wrong keys from one address: no admin throttle here
                // (the servlet module's AdminApiTest covers it).
                AuthPlaneServlets.registerAdmin(event.getServletContext(), authPlane, adminKey, 0);
            }
        });
        jetty.setHandler(context);
        try {
            jetty.start();
        } catch (Exception e) {
            throw new IllegalStateException("embedded Jetty did not start", e);
        }
        return new EmbeddedServer(jetty, authPlane, storage, base, adminKey);
    }

    /** Core's test configuration for {@code issuer} (bcrypt cost 4, grant on) with {@code section -> key -> value} overrides. */
    static AuthPlaneConfig config(String issuer, Map<String, Map<String, Object>> overrides) {
        List<String> dotted = new ArrayList<>();
        overrides.forEach((section, keys) -> keys.forEach((key, value) -> {
            dotted.add(section + "." + key);
            dotted.add(String.valueOf(value));
        }));
        return TestAuthPlanes.configFor(issuer, dotted.toArray(String[]::new));
    }

    AuthPlane authPlane() {
        return authPlane;
    }

    JdbcStorage storage() {
        return storage;
    }

    /** Jetty threads busy right now (acceptors and selectors included), to spot request threads that hang. */
    int busyThreads() {
        return ((org.eclipse.jetty.util.thread.QueuedThreadPool) jetty.getThreadPool()).getBusyThreads();
    }

    int port() {
        return base.getPort();
    }

    URI uri(String path) {
        return base.resolve(path);
    }

    String adminKey() {
        return adminKey;
    }

    /** Registers {@link #RESOURCE} with scopes {@link #SCOPE} and {@code tools/admin}. */
    void registerResource() {
        authPlane.admin().createResource(new NewResource("mcp", RESOURCE, "mint",
                List.of(ScopeDefinition.parse(SCOPE + "||Query tools"), ScopeDefinition.parse("tools/admin||Admin"))));
    }

    /** Registers a client_credentials client with scope {@link #SCOPE}; its secret goes to the ledger. */
    TestClient registerClient(String name, String authMethod) {
        CreatedClient created = authPlane.admin().createClient(new NewClient(name, Set.of("client_credentials"),
                authMethod, List.of(ScopeDefinition.parse(SCOPE + "||Query tools"))));
        SecretLedger.record("client-secret", created.clientSecret());
        return new TestClient(created.client().clientId(), created.clientSecret(), authMethod);
    }

    /** A {@code client_secret_post} token request for {@link #RESOURCE}. */
    HttpResponse<String> token(TestClient client, String... headers) {
        if (!"client_secret_basic".equals(client.authMethod())) {
            return Http.postForm(uri("/oauth/token"), client.form(RESOURCE), headers);
        }
        String[] all = Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "Authorization";
        all[headers.length + 1] = client.basicHeader();
        return Http.postForm(uri("/oauth/token"), client.form(RESOURCE), all);
    }

    HttpResponse<String> token(String form, String... headers) {
        return Http.postForm(uri("/oauth/token"), form, headers);
    }

    HttpResponse<String> admin(String method, String path, String json) {
        return Http.admin(base, adminKey, method, path, json);
    }

    /** Issuance rows for {@code clientId} in the last day (at most 5000). */
    int issuanceCount(String clientId) {
        return authPlane.admin().listIssuances(new dev.authplane.core.audit.IssuanceQuery(clientId, null,
                java.time.Instant.now().minusSeconds(86_400), null, 5000)).size();
    }

    /** Records the private keys this server generated in the {@link SecretLedger}, then stops Jetty. */
    @Override
    public void close() {
        storage.signingKeys().findAll().forEach(key -> SecretLedger.recordPrivateJwk(key.privateJwkJson()));
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("embedded Jetty did not stop", e);
        }
    }
}
