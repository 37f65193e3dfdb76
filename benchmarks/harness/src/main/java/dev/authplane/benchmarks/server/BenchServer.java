package dev.authplane.benchmarks.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.authplane.benchmarks.BenchFixture;
import dev.authplane.core.AuthPlane;
import dev.authplane.core.admin.CreatedClient;
import dev.authplane.core.admin.NewClient;
import dev.authplane.core.admin.NewResource;
import dev.authplane.core.config.AuthPlaneConfig;
import dev.authplane.core.config.SecuritySettings;
import dev.authplane.core.config.SigningAlgorithm;
import dev.authplane.core.scope.ScopeDefinition;
import dev.authplane.crypto.CryptoProviders;
import dev.authplane.jdbc.JdbcStorage;
import dev.authplane.micrometer.AuthPlaneMetrics;
import dev.authplane.servlet.AuthPlaneServlets;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * AuthPlane as the benchmark measures it: Jetty 12, the servlet endpoints, the JDBC adapters on a
 * HikariCP pool (durable H2 file store, or PostgreSQL), wired as {@code examples/authserver} wires
 * them (pool of 10, the H2 URL of the shipped server, ES256, the configured bcrypt cost, private keys
 * encrypted at rest). On start it
 * registers the benchmark resource and clients through the admin service, writes one token request
 * body per client to the bodies file (and, when asked, registers as many {@code private_key_jwt}
 * clients and writes their signed request bodies: {@link AssertionBodies}; or introspection
 * request bodies: {@link IntrospectionBodies}), and prints
 * {@code READY <port>}.
 */
public final class BenchServer implements AutoCloseable {

    /** Same pool size as the shipped server ({@code examples/authserver}). */
    static final int POOL_SIZE = 10;

    private final Server jetty;
    private final HikariDataSource dataSource;
    private final AuthPlane authPlane;
    private final String postgresSchema;
    private final AuthPlaneMetrics metrics;

    private BenchServer(Server jetty, HikariDataSource dataSource, AuthPlane authPlane, String postgresSchema,
                        AuthPlaneMetrics metrics) {
        this.metrics = metrics;
        this.jetty = jetty;
        this.dataSource = dataSource;
        this.authPlane = authPlane;
        this.postgresSchema = postgresSchema;
    }

    /** Starts the server and blocks until the process is terminated. */
    public static void main(String[] args) throws Exception {
        BenchServer server = start(ServerOptions.parse(args));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "bench-server-stop"));
        System.out.println("READY " + server.port());
        System.out.flush();
        server.jetty.join();
    }

    /** Starts Jetty on loopback, registers the fixture and writes the bodies file. */
    public static BenchServer start(ServerOptions options) throws Exception {
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(options.port());
        jetty.addConnector(connector);
        connector.open();
        AuthPlaneConfig config = config(options, connector.getLocalPort());
        String postgresSchema = options.jdbcUrl() == null ? null : "bench_" + Long.toString(System.nanoTime(), 36);
        HikariDataSource dataSource = dataSource(options, postgresSchema);
        try {
            JdbcStorage storage = JdbcStorage.create(dataSource, randomKey());
            AuthPlane.Builder builder = storage.wire(AuthPlane.builder(config.withCryptoProvider(
                    CryptoProviders.choose(options.cryptoProvider(), "crypto-provider").provider())));
            AuthPlaneMetrics metrics = options.metrics() ? BenchMetrics.start() : null;
            if (metrics != null) {
                builder.observer(metrics);
            }
            AuthPlane authPlane = builder.build();
            authPlane.keys().activeKey();
            List<CreatedClient> clients = registerFixture(authPlane, options.clients());
            Files.write(options.bodies(), options.introspect() ? IntrospectionBodies.of(authPlane, clients)
                    : tokenBodies(clients));
            if (options.assertions() != null) {
                AssertionBodies.registerAndWrite(authPlane, options.assertions(), options.clients(), scopes());
            }
            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath("/");
            AuthPlaneServlets.register(context.getServletContext(), authPlane);
            jetty.setHandler(context);
            jetty.start();
            return new BenchServer(jetty, dataSource, authPlane, postgresSchema, metrics);
        } catch (Exception | Error e) {
            dropSchema(dataSource, postgresSchema);
            dataSource.close();
            connector.close();
            throw e;
        }
    }

    public int port() {
        return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    /** The Micrometer binding with {@code metrics=on}; empty otherwise (for in-process checks). */
    public Optional<AuthPlaneMetrics> metrics() {
        return Optional.ofNullable(metrics);
    }

    /** The wired facade (for in-process checks). */
    public AuthPlane authPlane() {
        return authPlane;
    }

    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            System.err.println("bench server: Jetty did not stop cleanly: " + e);
        } finally {
            dropSchema(dataSource, postgresSchema);
            dataSource.close();
        }
    }

    /** The runnable server's defaults with the grant on, ES256 and the run's bcrypt cost, built in code. */
    private static AuthPlaneConfig config(ServerOptions options, int port) {
        AuthPlaneConfig defaults = AuthPlaneConfig.defaults("http://127.0.0.1:" + port);
        return defaults.withClientCredentials(defaults.clientCredentials().withEnabled(true))
                .withLifecycle(defaults.lifecycle().withRevocationEnabled(options.lifecycle())
                        .withIntrospectionEnabled(options.lifecycle()))
                .withSigningAlgorithm(SigningAlgorithm.ES256)
                .withSecurity(new SecuritySettings(options.bcryptCost(), SecuritySettings.DEFAULT_CLOCK_SKEW));
    }

    /**
     * The pool: the embedded H2 file store configured as {@code examples/authserver} configures it, or
     * PostgreSQL in a schema of this run's own (created here, dropped on close), so that every run
     * starts from an empty store, as on H2.
     */
    private static HikariDataSource dataSource(ServerOptions options, String postgresSchema)
            throws IOException, SQLException {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("authplane-bench");
        if (options.jdbcUrl() == null) {
            Files.createDirectories(options.dataDir());
            hikari.setJdbcUrl(JdbcStorage.embeddedH2Url(options.dataDir().toAbsolutePath().resolve("authplane")));
            hikari.setUsername("sa");
            hikari.setPassword("");
        } else {
            hikari.setJdbcUrl(options.jdbcUrl());
            try (Connection c = DriverManager.getConnection(options.jdbcUrl()); Statement st = c.createStatement()) {
                st.execute("CREATE SCHEMA " + postgresSchema);
            }
            hikari.setSchema(postgresSchema);
        }
        hikari.setMaximumPoolSize(POOL_SIZE);
        hikari.setConnectionTimeout(5_000);
        return new HikariDataSource(hikari);
    }

    private static void dropSchema(HikariDataSource dataSource, String schema) {
        if (schema == null) {
            return;
        }
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("bench server: could not drop schema " + schema + ": " + e.getMessage());
        }
    }

    /** The benchmark resource and {@code count} clients, registered through the admin service. */
    private static List<CreatedClient> registerFixture(AuthPlane authPlane, int count) {
        List<ScopeDefinition> scopes = scopes();
        authPlane.admin().createResource(new NewResource(BenchFixture.RESOURCE_SLUG, BenchFixture.RESOURCE_URI,
                "mint", scopes));
        List<CreatedClient> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            clients.add(authPlane.admin().createClient(new NewClient("bench-" + i,
                    Set.of("client_credentials"), "client_secret_post", scopes)));
        }
        return clients;
    }

    private static List<ScopeDefinition> scopes() {
        return BenchFixture.CLIENT_SCOPES.stream().map(ScopeDefinition::of).toList();
    }

    private static List<String> tokenBodies(List<CreatedClient> clients) {
        return clients.stream().map(c -> BenchFixture.tokenRequestBody(c.client().clientId(), c.clientSecret())).toList();
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
