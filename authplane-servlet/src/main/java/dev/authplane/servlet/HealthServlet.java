package dev.authplane.servlet;

import dev.authplane.core.AuthPlane;
import dev.authplane.core.Health;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;

/**
 * {@code GET /health}: 200 {@code {"status":"up"}} when storage answers, else 503
 * {@code {"status":"down"}}. The probe's detail is logged, not published: it may name hosts.
 */
final class HealthServlet extends ReadOnlyJsonServlet {

    private static final Logger LOG = LoggerFactory.getLogger(HealthServlet.class);
    private static final long serialVersionUID = 1L;

    private final transient AuthPlane authPlane;

    HealthServlet(AuthPlane authPlane) {
        this.authPlane = Objects.requireNonNull(authPlane, "authPlane");
    }

    @Override
    void respond(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Health health = authPlane.health();
        response.setHeader("Cache-Control", "no-store");
        if (!health.up()) {
            LOG.warn("health check: storage is down: {}", health.detail());
        }
        Json.write(response, health.up() ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                Map.of("status", health.up() ? "up" : "down"));
    }
}
