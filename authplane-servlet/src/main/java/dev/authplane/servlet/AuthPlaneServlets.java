package dev.authplane.servlet;

import dev.authplane.core.AuthPlane;
import dev.authplane.core.config.TokenLifecycleSettings;
import dev.authplane.core.config.AuthPlaneConfig;
import dev.authplane.core.resource.Resource;
import dev.authplane.dpop.DPoPProofVerifier;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Registers AuthPlane's HTTP endpoints on any Jakarta Servlet 6 container (Jetty, Tomcat,
 * Undertow, Spring Boot's servlet stack) with one call, typically from a
 * {@code ServletContextListener} or a {@code ServletContainerInitializer}.
 *
 * <p>{@link #register} adds the public endpoints, under the issuer's path (for issuer
 * {@code https://as.example.com/tenant} the token endpoint is {@code /tenant/oauth/token}):
 * <ul>
 *   <li>{@code POST <issuer path>/oauth/token} (RFC 6749 §4.4, RFC 9449)</li>
 *   <li>{@code GET|POST <issuer path>/oauth/authorize}: always an RFC 6749 §4.1.2.1 error, for
 *       clients that require an authorization endpoint in the metadata</li>
 *   <li>{@code GET <issuer path>/.well-known/jwks.json}</li>
 *   <li>{@code GET /.well-known/oauth-authorization-server<issuer path>} (RFC 8414 §3.1)</li>
 *   <li>{@code GET /.well-known/oauth-protected-resource<resource path>} (RFC 9728 §3.1)</li>
 *   <li>{@code GET /health}</li>
 * </ul>
 * {@link #registerAdmin} adds the admin API under {@code /admin/v1/*}; mount it on a separate,
 * non-public port or context. Paths are relative to the servlet context; the well-known documents
 * belong at the host root, so mount the public context at {@code /}. Nothing is ever derived from
 * {@code Host} or {@code X-Forwarded-*}: every URL in a response comes from the configured issuer.
 */
public final class AuthPlaneServlets {

    /** The token endpoint's path below the issuer's path. */
    public static final String TOKEN_PATH = AuthPlaneConfig.TOKEN_PATH;
    /** The authorization endpoint's path below the issuer's path (it refuses every request). */
    public static final String AUTHORIZE_PATH = "/oauth/authorize";
    /** Token revocation (RFC 7009), under the issuer's path. */
    public static final String REVOCATION_PATH = "/oauth/revoke";
    /** Token introspection (RFC 7662), under the issuer's path. */
    public static final String INTROSPECTION_PATH = "/oauth/introspect";
    /** The JWKS path below the issuer's path. */
    public static final String JWKS_PATH = AuthPlaneConfig.JWKS_PATH;
    /** The liveness and storage health endpoint. */
    public static final String HEALTH_PATH = "/health";
    /** Liveness: 200 while the process serves requests. */
    public static final String LIVENESS_PATH = "/health/live";
    /** Readiness: 200 when storage answers within a bound and a signing key may sign, else 503. */
    public static final String READINESS_PATH = "/health/ready";
    /** The metrics exposition on the admin port ({@link #registerMetrics}). */
    public static final String METRICS_PATH = "/metrics";
    /** The admin API's base path; its routes are listed in the module README. */
    public static final String ADMIN_PATH = "/admin/v1";

    private static final Logger LOG = LoggerFactory.getLogger(AuthPlaneServlets.class);

    private AuthPlaneServlets() {
    }

    /**
     * Registers the public endpoints of {@code authPlane} on {@code context}.
     *
     * @throws IllegalStateException when the context is already initialised, a servlet name or
     *                               path is taken, or the issuer's path lies outside the context path
     */
    public static void register(ServletContext context, AuthPlane authPlane) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(authPlane, "authPlane");
        MetadataDocuments documents = new MetadataDocuments(authPlane.config(),
                DPoPProofVerifier.DEFAULT_ALGORITHMS.stream().map(Object::toString).sorted().toList());
        Supplier<List<Resource>> resources = () -> authPlane.admin().listResources();
        String base = issuerBase(context, documents.issuerPath());
        add(context, "authplane-token", new TokenEndpointServlet(authPlane.tokens()), base + TOKEN_PATH);
        add(context, "authplane-authorize", new AuthorizationEndpointServlet(), base + AUTHORIZE_PATH);
        TokenLifecycleSettings lifecycle = authPlane.config().lifecycle();
        if (lifecycle.revocationEnabled()) {
            add(context, "authplane-revoke", TokenLifecycleServlet.revocation(authPlane), base + REVOCATION_PATH);
        }
        if (lifecycle.introspectionEnabled()) {
            add(context, "authplane-introspect", TokenLifecycleServlet.introspection(authPlane),
                    base + INTROSPECTION_PATH);
        }
        add(context, "authplane-jwks", new JwksServlet(authPlane.keys()), base + JWKS_PATH);
        add(context, "authplane-liveness", HealthServlet.liveness(), LIVENESS_PATH);
        add(context, "authplane-readiness", HealthServlet.readiness(new ReadinessProbe(authPlane::health,
                ReadinessProbe.BOUND)), READINESS_PATH, HEALTH_PATH);
        if (!context.getContextPath().isEmpty()) {
            LOG.warn("AuthPlane's well-known metadata is registered under context path {}; RFC 8414 and RFC 9728"
                    + " clients look for it at the host root, so map it there too", context.getContextPath());
        }
        add(context, "authplane-as-metadata", new AuthorizationServerMetadataServlet(documents, resources),
                documents.authorizationServerPath());
        add(context, "authplane-resource-metadata", new ProtectedResourceMetadataServlet(documents, resources),
                MetadataDocuments.PRM_WELL_KNOWN, MetadataDocuments.PRM_WELL_KNOWN + "/*");
        correlate(context, "authplane-trace-context", "authplane-token", "authplane-revoke", "authplane-introspect");
    }

    /**
     * Registers the admin API of {@code authPlane} under {@value #ADMIN_PATH}, guarded by
     * {@code adminKey} ({@code Authorization: Bearer <adminKey>}, compared in constant time).
     *
     * @param adminKey at least 22 characters with some variety (see {@link #adminKeyProblem}); never logged
     * @throws IllegalArgumentException when the key is too weak
     * @throws IllegalStateException    when the context is already initialised or the path is taken
     */
    public static void registerAdmin(ServletContext context, AuthPlane authPlane, String adminKey) {
        registerAdmin(context, authPlane, adminKey, AdminFailures.DEFAULT_LIMIT);
    }

    /**
     * Like {@link #registerAdmin(ServletContext, AuthPlane, String)}, with another limit on failed
     * admin-key checks per remote address and minute (default {@value AdminFailures#DEFAULT_LIMIT};
     * 0 turns the limit off, e.g. behind a proxy that throttles, or in a test that measures timing).
     */
    public static void registerAdmin(ServletContext context, AuthPlane authPlane, String adminKey,
                                     int maxFailedKeyChecksPerMinute) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(authPlane, "authPlane");
        AdminRoutes routes = new AdminRoutes(authPlane.admin(), authPlane::health, authPlane.clock());
        AdminFailures failures = new AdminFailures(maxFailedKeyChecksPerMinute, authPlane.clock());
        add(context, "authplane-admin", new AdminServlet(new AdminKey(adminKey), failures, routes), ADMIN_PATH + "/*");
        correlate(context, "authplane-admin-trace-context", "authplane-admin");
    }

    /**
     * Registers {@code GET} {@value #METRICS_PATH} on the admin context: {@code exposition}'s text
     * (e.g. a Prometheus registry's scrape) for a bearer holding {@code adminKey} or, when given,
     * {@code metricsToken}, a read-only token that opens nothing else.
     *
     * @param metricsToken the scrape token, or {@code null} for the admin key only; as strong as an
     *                     admin key must be ({@link #adminKeyProblem})
     * @param contentType  the exposition's media type, e.g. Prometheus text format 0.0.4
     * @throws IllegalArgumentException when a key is too weak
     */
    public static void registerMetrics(ServletContext context, AuthPlane authPlane, String adminKey,
                                       String metricsToken, String contentType, Supplier<String> exposition) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(authPlane, "authPlane");
        AdminKey scrape = metricsToken == null ? null : new AdminKey(metricsToken);
        add(context, "authplane-metrics", new ScrapeServlet(new AdminKey(adminKey), scrape,
                new AdminFailures(AdminFailures.DEFAULT_LIMIT, authPlane.clock()), contentType, exposition), METRICS_PATH);
    }

    /**
     * Why {@code adminKey} would be refused by {@link #registerAdmin}: shorter than 22 characters
     * (128 bits) or with too little variety; empty when it is accepted. Front ends check it at
     * start-up to word their own message.
     */
    public static Optional<String> adminKeyProblem(String adminKey) {
        return Optional.ofNullable(AdminKey.problem(Objects.requireNonNull(adminKey, "adminKey")));
    }

    private static String issuerBase(ServletContext context, String issuerPath) {
        String contextPath = context.getContextPath();
        if (!issuerPath.equals(contextPath) && !issuerPath.startsWith(contextPath + "/")) {
            throw new IllegalStateException("the issuer's path '" + issuerPath
                    + "' does not lie under the servlet context path '" + contextPath + "'");
        }
        return issuerPath.substring(contextPath.length());
    }

    /** Runs {@link TraceContext} in front of the named servlets (those registered; others are skipped). */
    private static void correlate(ServletContext context, String filterName, String... servletNames) {
        FilterRegistration.Dynamic filter = context.addFilter(filterName, new TraceContext());
        if (filter == null) {
            throw new IllegalStateException("a filter named " + filterName + " is already registered");
        }
        String[] registered = Arrays.stream(servletNames)
                .filter(name -> context.getServletRegistration(name) != null).toArray(String[]::new);
        filter.addMappingForServletNames(EnumSet.of(DispatcherType.REQUEST), false, registered);
    }

    private static void add(ServletContext context, String name, Servlet servlet, String... paths) {
        ServletRegistration.Dynamic registration = context.addServlet(name, servlet);
        if (registration == null) {
            throw new IllegalStateException("a servlet named " + name + " is already registered");
        }
        Set<String> conflicts = registration.addMapping(paths);
        if (!conflicts.isEmpty()) {
            throw new IllegalStateException("paths already mapped to another servlet: " + conflicts);
        }
    }
}
