package dev.authplane.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@code GET /metrics} on the admin port: a metrics exposition (e.g. Prometheus text) for a
 * scraper holding the admin key or the read-only scrape token, which opens nothing else. Failed
 * key checks are limited per address as the admin API's are (a limit of its own). The body comes
 * from a supplier, so this module knows no metrics library.
 */
final class ScrapeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ScrapeServlet.class);

    private final transient AdminKey adminKey;
    private final transient AdminKey scrapeToken;
    private final transient BearerGate gate;
    private final String contentType;
    private final transient Supplier<String> exposition;

    ScrapeServlet(AdminKey adminKey, AdminKey scrapeToken, AdminFailures failures, String contentType,
                  Supplier<String> exposition) {
        this.adminKey = Objects.requireNonNull(adminKey, "adminKey");
        this.scrapeToken = scrapeToken;
        this.gate = new BearerGate(failures, "authplane-metrics", "the admin key or the metrics token");
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.exposition = Objects.requireNonNull(exposition, "exposition");
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        if (!"GET".equals(request.getMethod())) {
            response.setHeader("Allow", "GET");
            BearerGate.writeError(response, 405, "method_not_allowed", "this endpoint accepts only GET");
            return;
        }
        if (!gate.admits(request, response, this::accepted)) {
            return;
        }
        String body;
        try {
            body = exposition.get();
        } catch (RuntimeException e) {
            LOG.error("metrics exposition failed ({})", e.getClass().getSimpleName(), e);
            BearerGate.writeError(response, 500, "server_error", "the server could not produce the metrics");
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType(contentType);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** Both are checked, each in constant time, so timing does not tell which one matched. */
    private boolean accepted(String authorization) {
        boolean admin = adminKey.accepts(authorization);
        boolean scrape = scrapeToken != null && scrapeToken.accepts(authorization);
        return admin | scrape;
    }

}
