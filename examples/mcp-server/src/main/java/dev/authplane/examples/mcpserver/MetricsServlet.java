package dev.authplane.examples.mcpserver;

import dev.authplane.micrometer.VerifierMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * {@code GET /metrics}: the verifier's meters ({@link VerifierMetrics}) and the JVM's memory, as
 * Prometheus text, for a bearer of the metrics token (compared in constant time, over SHA-256
 * digests so the length does not leak either). Served only when a token is configured.
 */
final class MetricsServlet extends HttpServlet {

    static final String PATH = "/metrics";

    private static final long serialVersionUID = 1L;

    private final transient PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final transient VerifierMetrics observer = new VerifierMetrics(registry);
    private final byte[] tokenDigest;

    MetricsServlet(String token) {
        this.tokenDigest = sha256("Bearer " + token);
        new JvmMemoryMetrics().bindTo(registry);
    }

    /** The observer to give the token verifier. */
    VerifierMetrics observer() {
        return observer;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String authorization = request.getHeader("Authorization");
        response.setHeader("Cache-Control", "no-store");
        if (authorization == null || !MessageDigest.isEqual(tokenDigest, sha256(authorization.strip()))) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"mcp-server-metrics\"");
            response.sendError(401);
            return;
        }
        byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/plain; version=0.0.4; charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
