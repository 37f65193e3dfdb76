package dev.authplane.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The health endpoints, for load balancers and orchestrators; {@code Cache-Control: no-store}.
 * <ul>
 *   <li>{@code GET /health/live}: 200 {@code {"status":"up"}} while the process serves requests;
 *       it reads nothing, so a database outage never restarts a healthy process.</li>
 *   <li>{@code GET /health/ready} (and {@code GET /health}, its older name): 200 when storage
 *       answered within {@link ReadinessProbe#BOUND} and an active signing key may sign, else 503;
 *       the body names each check: {@code {"status":"down","checks":{"storage":"timeout",
 *       "signing_key":"unknown"}}}. The probe's detail is logged, not published: it may name hosts.</li>
 * </ul>
 */
final class HealthServlet extends ReadOnlyJsonServlet {

    private static final long serialVersionUID = 1L;

    private final transient ReadinessProbe readiness;

    /** {@code /health/live} when {@code readiness} is {@code null}, else a readiness endpoint. */
    private HealthServlet(ReadinessProbe readiness) {
        this.readiness = readiness;
    }

    static HealthServlet liveness() {
        return new HealthServlet(null);
    }

    static HealthServlet readiness(ReadinessProbe probe) {
        return new HealthServlet(Objects.requireNonNull(probe, "probe"));
    }

    @Override
    void respond(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        if (readiness == null) {
            Json.write(response, HttpServletResponse.SC_OK, Map.of("status", "up"));
            return;
        }
        ReadinessProbe.Result result = readiness.check();
        Map<String, Object> checks = new LinkedHashMap<>();
        checks.put("storage", result.storage());
        checks.put("signing_key", result.signingKey());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", result.up() ? "up" : "down");
        body.put("checks", checks);
        Json.write(response, result.up() ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE, body);
    }
}
