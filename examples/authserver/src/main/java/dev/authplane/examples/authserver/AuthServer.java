package dev.authplane.examples.authserver;

import com.zaxxer.hikari.HikariDataSource;
import dev.authplane.core.AuthPlane;
import dev.authplane.core.dpop.DPoPNonces;
import dev.authplane.core.storage.StorageException;
import dev.authplane.core.support.SecureRandomIdGenerator;
import dev.authplane.crypto.CryptoProviders;
import dev.authplane.examples.authserver.config.ConfigLoader;
import dev.authplane.examples.authserver.config.ServerConfig;
import dev.authplane.jdbc.JdbcStorage;
import dev.authplane.servlet.AuthPlaneServlets;
import dev.authplane.servlet.HttpsJwksFetcher;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The assembled AuthPlane server: configuration in; JDBC storage (embedded H2 or PostgreSQL),
 * the {@link AuthPlane} facade, and one Jetty with two connectors out: the public endpoints
 * ({@code server.bind}:{@code server.port}) and the admin API ({@code admin.bind}:{@code admin.port},
 * loopback by default). Expected start-up failures (bad database, port in use) are
 * {@link CliException}s with one-line messages.
 */
public final class AuthServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuthServer.class);
    private static final String PUBLIC_CONNECTOR = "public";
    private static final String ADMIN_CONNECTOR = "admin";

    private final ServerConfig config;
    private final Path dataDir;
    private final HikariDataSource dataSource;
    private final Server jetty;
    private final ScheduledExecutorService housekeeping;
    private final String adminKey;
    private final ServerMetrics metrics;
    private final AtomicBoolean closed = new AtomicBoolean();

    private AuthServer(ServerConfig config, Path dataDir, HikariDataSource dataSource, Server jetty,
                       ScheduledExecutorService housekeeping, String adminKey, ServerMetrics metrics) {
        this.metrics = metrics;
        this.config = config;
        this.dataDir = dataDir;
        this.dataSource = dataSource;
        this.jetty = jetty;
        this.housekeeping = housekeeping;
        this.adminKey = adminKey;
    }

    /**
     * Starts the server and returns once both ports accept connections.
     *
     * @param notes where to tell the operator about a generated admin key
     * @throws CliException when the database cannot be opened or a port cannot be bound
     */
    public static AuthServer start(ServerConfig config, PrintWriter notes) {
        Server jetty = bind(config);
        HikariDataSource dataSource = null;
        ServerMetrics metrics = null;
        try {
            java.security.Provider provider = cryptoProvider(config);
            Path dataDir = config.storage().dataDir().toAbsolutePath().normalize();
            DataDirectory.prepare(dataDir, config.storage().allowInsecurePermissions(), notes);
            warnAboutExposure(config);
            String adminKey = adminKey(config, dataDir, notes);
            dataSource = Database.open(config.storage(), dataDir);
            JdbcStorage storage = storage(dataSource, config);
            DataDirectory.restrictFiles(dataDir);
            metrics = new ServerMetrics();
            AuthPlane.Builder builder = storage.wire(AuthPlane.builder(config.core().withCryptoProvider(provider)))
                    .observer(metrics.observer())
                    .jwksFetcher(new HttpsJwksFetcher(config.core().clientAuth().allowInsecureJwksUri()));
            // A shared nonce key lets every node of a cluster accept the nonces any node handed out.
            config.server().dpopNonceKeyBytes().ifPresent(key -> builder.dpopNonces(
                    new DPoPNonces(key, Clock.systemUTC(), DPoPNonces.DEFAULT_WINDOW)));
            AuthPlane authPlane = builder.build();
            authPlane.keys().activeKey();
            serve(jetty, authPlane, adminKey, config.admin().metricsToken(), metrics);
            return new AuthServer(config, dataDir, dataSource, jetty, housekeeping(storage), adminKey, metrics);
        } catch (RuntimeException e) {
            stopQuietly(jetty);
            if (dataSource != null) {
                dataSource.close();
            }
            if (metrics != null) {
                metrics.close();
            }
            throw e;
        }
    }

    /** The line printed once the server is up: every URL an operator needs. */
    public String readyLine() {
        String issuer = config.issuer();
        return "AuthPlane ready: issuer " + issuer + " | token endpoint " + config.core().tokenEndpoint()
                + " | JWKS " + config.core().jwksUri() + " | public port " + publicPort()
                + " | admin API " + adminUrl() + " | database " + Database.redacted(Database.url(config.storage(), dataDir));
    }

    /** The admin API's base URL as the CLI reaches it. */
    public String adminUrl() {
        String bind = config.admin().bind();
        String host = bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + adminPort();
    }

    /** The key the admin API accepts; never logged. */
    String adminKey() {
        return adminKey;
    }

    /** The port the public endpoints listen on (the configured one, or the ephemeral one for 0). */
    public int publicPort() {
        return connector(PUBLIC_CONNECTOR).getLocalPort();
    }

    /** The port the admin API listens on. */
    public int adminPort() {
        return connector(ADMIN_CONNECTOR).getLocalPort();
    }

    /** Blocks until the server has been stopped. */
    public void join() throws InterruptedException {
        jetty.join();
    }

    /** Stops accepting requests, finishes those in flight, closes the pool. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        housekeeping.shutdownNow();
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("Jetty did not stop cleanly: {}", e.toString());
        } finally {
            dataSource.close();
            metrics.close();
        }
    }

    private ServerConnector connector(String name) {
        for (var c : jetty.getConnectors()) {
            if (name.equals(c.getName())) {
                return (ServerConnector) c;
            }
        }
        throw new IllegalStateException("no connector " + name);
    }

    /** The provider {@code signing.crypto_provider} chooses (logged); a named one that fails is a one-line error. */
    private static java.security.Provider cryptoProvider(ServerConfig config) {
        try {
            return CryptoProviders.choose(config.server().cryptoProvider(), "signing.crypto_provider").provider();
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage() + " (env AUTHPLANE_SIGNING_CRYPTO_PROVIDER)", CliException.USAGE);
        }
    }

    private static String adminKey(ServerConfig config, Path dataDir, PrintWriter notes) {
        if (config.admin().apiKeyIfSet().isPresent()) {
            return config.admin().apiKeyIfSet().get();
        }
        try {
            AdminKeyFile.Loaded loaded = AdminKeyFile.loadOrCreate(dataDir, new SecureRandomIdGenerator());
            if (loaded.generated()) {
                notes.println("authserver: generated an admin API key in " + AdminKeyFile.path(dataDir)
                        + " (mode 0600); 'authserver admin' reads it from there");
            }
            AuthPlaneServlets.adminKeyProblem(loaded.key()).ifPresent(problem -> {
                throw new CliException(problem + " (in " + AdminKeyFile.path(dataDir) + "; delete the file to have"
                        + " a strong one generated)", CliException.USAGE);
            });
            return loaded.key();
        } catch (UncheckedIOException e) {
            throw new CliException(e.getMessage() + " (data.dir, env AUTHPLANE_DATA_DIR)", CliException.USAGE);
        }
    }

    /** Warnings for the two settings that expose the server beyond a development machine. */
    private static void warnAboutExposure(ServerConfig config) {
        if (config.server().allowInsecureIssuer() && !ConfigLoader.isSecureIssuer(config.issuer())) {
            LOG.warn("server.issuer {} is plain http on a non-loopback host (server.allow_insecure_issuer=true):"
                    + " tokens and client secrets cross the network unencrypted", config.issuer());
        }
        if (!ConfigLoader.isLoopbackHost(config.admin().bind())) {
            LOG.warn("admin.bind is {}: the admin API listens beyond this machine; keep it on 127.0.0.1 unless a"
                    + " firewall or a TLS proxy guards it", config.admin().bind());
        }
    }

    private static JdbcStorage storage(HikariDataSource dataSource, ServerConfig config) {
        try {
            return JdbcStorage.builder(dataSource).keyEncryptionKey(config.storage().keyEncryptionKey())
                    .previousKeyEncryptionKey(config.storage().previousKeyEncryptionKey()).build();
        } catch (StorageException e) {
            throw new CliException("cannot prepare the database " + Database.redacted(dataSource.getJdbcUrl()) + ": "
                    + e.getMessage(), CliException.FAILED);
        }
    }

    /** Creates Jetty and binds both ports first, so a taken port fails before any other work. */
    private static Server bind(ServerConfig config) {
        Server jetty = new Server();
        jetty.setStopAtShutdown(false);
        ServerConnector publicConnector = connector(jetty, PUBLIC_CONNECTOR, config.server().bind(), config.server().port());
        ServerConnector adminConnector = connector(jetty, ADMIN_CONNECTOR, config.admin().bind(), config.admin().port());
        open(publicConnector, "server.port", config.server().bind(), config.server().port());
        open(adminConnector, "admin.port", config.admin().bind(), config.admin().port());
        return jetty;
    }

    /** Public endpoints on the public connector, the admin API and /metrics on the admin connector; then start. */
    private static void serve(Server jetty, AuthPlane authPlane, String adminKey, String metricsToken,
                              ServerMetrics metrics) {
        ServletContextHandler publicContext = context(PUBLIC_CONNECTOR);
        AuthPlaneServlets.register(publicContext.getServletContext(), authPlane);
        ServletContextHandler adminContext = context(ADMIN_CONNECTOR);
        AuthPlaneServlets.registerAdmin(adminContext.getServletContext(), authPlane, adminKey);
        AuthPlaneServlets.registerMetrics(adminContext.getServletContext(), authPlane, adminKey, metricsToken,
                ServerMetrics.CONTENT_TYPE, metrics::scrape);
        jetty.setHandler(new ContextHandlerCollection(publicContext, adminContext));
        JsonErrorPages.install(jetty, publicContext, adminContext);
        try {
            jetty.start();
        } catch (Exception e) {
            throw new CliException("the HTTP server did not start: " + e.getMessage(), CliException.FAILED);
        }
    }

    private static ServerConnector connector(Server jetty, String name, String bind, int port) {
        ServerConnector connector = new ServerConnector(jetty);
        connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration().setSendServerVersion(false);
        connector.setName(name);
        connector.setHost(bind);
        connector.setPort(port);
        jetty.addConnector(connector);
        return connector;
    }

    /** Binds now, so that a taken port is reported with the setting that chose it. */
    private static void open(ServerConnector connector, String key, String bind, int port) {
        try {
            connector.open();
        } catch (IOException e) {
            stopQuietly(connector.getServer());
            String env = "AUTHPLANE_" + key.replace('.', '_').toUpperCase(java.util.Locale.ROOT);
            throw new CliException("cannot listen on " + bind + ":" + port + " (" + key + ", env " + env
                    + "): port in use or address not available", CliException.USAGE);
        }
    }

    private static ServletContextHandler context(String connectorName) {
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.setVirtualHosts(java.util.List.of("@" + connectorName));
        return context;
    }

    private static ScheduledExecutorService housekeeping(JdbcStorage storage) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "authplane-housekeeping");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                JdbcStorage.PurgeResult purged = storage.purgeExpired();
                LOG.debug("Housekeeping purged {} DPoP proof ids and {} issuance rows", purged.dpopProofs(),
                        purged.issuances());
            } catch (RuntimeException e) {
                LOG.warn("Housekeeping failed: {}", e.toString());
            }
        }, 1, 60, TimeUnit.MINUTES);
        return executor;
    }

    /** Stops Jetty if it started and releases the ports even if it never did. */
    private static void stopQuietly(Server jetty) {
        try {
            jetty.stop();
        } catch (Exception ignored) {
            // already failing; the caller reports the original problem
        }
        for (var connector : jetty.getConnectors()) {
            if (connector instanceof ServerConnector server) {
                server.close();
            }
        }
    }
}
