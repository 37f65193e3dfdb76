package dev.authplane.benchmarks.sas;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.web.context.ContextLoaderListener;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.filter.DelegatingFilterProxy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

/**
 * Spring Authorization Server on Jetty 12 for the token-endpoint comparison. On start it creates
 * the authorization server's JDBC schema in a durable H2 file store, registers the clients, writes
 * one token request body per client to the bodies file and prints {@code READY <port>}. The token
 * endpoint is SAS's default {@code /oauth2/token}.
 */
public final class SasServer implements AutoCloseable {

    /** The resource AuthPlane's benchmark uses as audience (see the harness's {@code BenchFixture}). */
    static final String RESOURCE_URI = "https://mcp.bench.example/mcp";

    private static final String SCHEMA = "org/springframework/security/oauth2/server/authorization/";

    private final Server jetty;
    private final HikariDataSource dataSource;

    private SasServer(Server jetty, HikariDataSource dataSource) {
        this.jetty = jetty;
        this.dataSource = dataSource;
    }

    public static void main(String[] args) throws Exception {
        SasServer server = start(SasOptions.parse(args));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "sas-server-stop"));
        System.out.println("READY " + server.port());
        System.out.flush();
        server.jetty.join();
    }

    static SasServer start(SasOptions options) throws Exception {
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(options.port());
        jetty.addConnector(connector);
        connector.open();
        HikariDataSource dataSource = dataSource(options);
        try {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            createSchema(dataSource);
            PasswordEncoder encoder = new BCryptPasswordEncoder(options.bcryptCost());
            JdbcRegisteredClientRepository clients = new JdbcRegisteredClientRepository(jdbc);
            Files.write(options.bodies(), SasClients.register(clients, encoder, options.clients()));
            AnnotationConfigWebApplicationContext spring = context(clients,
                    new JdbcOAuth2AuthorizationService(jdbc, clients), encoder,
                    "http://127.0.0.1:" + connector.getLocalPort());
            ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
            context.setContextPath("/");
            context.addEventListener(new ContextLoaderListener(spring));
            context.addFilter(new FilterHolder(new DelegatingFilterProxy("springSecurityFilterChain", spring)), "/*",
                    EnumSet.of(DispatcherType.REQUEST));
            jetty.setHandler(context);
            jetty.start();
            return new SasServer(jetty, dataSource);
        } catch (Exception | Error e) {
            dataSource.close();
            connector.close();
            throw e;
        }
    }

    int port() {
        return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            System.err.println("sas server: Jetty did not stop cleanly: " + e);
        } finally {
            dataSource.close();
        }
    }

    private static AnnotationConfigWebApplicationContext context(JdbcRegisteredClientRepository clients,
            JdbcOAuth2AuthorizationService authorizations, PasswordEncoder encoder, String issuer) throws JOSEException {
        JWKSource<SecurityContext> keys = new ImmutableJWKSet<>(new JWKSet(new ECKeyGenerator(Curve.P_256)
                .keyID(UUID.randomUUID().toString()).algorithm(JWSAlgorithm.ES256).keyUse(KeyUse.SIGNATURE).generate()));
        AnnotationConfigWebApplicationContext spring = new AnnotationConfigWebApplicationContext();
        spring.register(SasConfiguration.class);
        spring.addBeanFactoryPostProcessor(beans -> {
            beans.registerSingleton("registeredClientRepository", clients);
            beans.registerSingleton("authorizationService", authorizations);
            beans.registerSingleton("passwordEncoder", encoder);
            beans.registerSingleton("jwkSource", keys);
            beans.registerSingleton("authorizationServerSettings", AuthorizationServerSettings.builder().issuer(issuer).build());
        });
        return spring;
    }

    private static HikariDataSource dataSource(SasOptions options) throws IOException {
        Files.createDirectories(options.dataDir());
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("sas-bench");
        hikari.setJdbcUrl("jdbc:h2:file:" + options.dataDir().toAbsolutePath().resolve("sas")
                + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;WRITE_DELAY=0");
        hikari.setUsername("sa");
        hikari.setPassword("");
        hikari.setMaximumPoolSize(10);
        hikari.setConnectionTimeout(5_000);
        return new HikariDataSource(hikari);
    }

    /** The schema scripts shipped in the authorization server's jar. */
    private static void createSchema(HikariDataSource dataSource) {
        new ResourceDatabasePopulator(
                new ClassPathResource(SCHEMA + "client/oauth2-registered-client-schema.sql"),
                new ClassPathResource(SCHEMA + "oauth2-authorization-schema.sql")).execute(dataSource);
    }

    static List<String> scopes() {
        return List.of("tools/query", "tools/call");
    }
}
