package dev.authplane.servlet;

import dev.authplane.core.storage.StorageUnavailableException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Base of the public GET documents (JWKS, metadata, health): answers GET and HEAD, refuses other
 * methods with a JSON 405, and turns any failure into a JSON error with a fixed description.
 */
abstract class ReadOnlyJsonServlet extends HttpServlet {

    private static final Logger LOG = LoggerFactory.getLogger(ReadOnlyJsonServlet.class);
    private static final long serialVersionUID = 1L;

    /** Cache lifetime of public documents (RFC 7517, RFC 8414 and RFC 9728 for the JWKS; metadata follows the same rule). */
    static final String PUBLIC_CACHE = "public, max-age=300";

    @Override
    protected final void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            response.setHeader("Allow", "GET, HEAD");
            writeError(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "method_not_allowed",
                    "this endpoint accepts only GET");
            return;
        }
        super.service(request, response);
    }

    @Override
    protected final void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            respond(request, response);
        } catch (StorageUnavailableException e) {
            LOG.warn("{} unavailable: storage did not answer", request.getRequestURI());
            writeError(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "temporarily_unavailable",
                    "the server is temporarily unavailable");
        } catch (RuntimeException e) {
            LOG.error("{} failed unexpectedly ({})", request.getRequestURI(), e.getClass().getSimpleName(), e);
            writeError(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "server_error",
                    "the server could not process the request");
        }
    }

    /** Writes the document for a GET (HEAD drops the body). */
    abstract void respond(HttpServletRequest request, HttpServletResponse response) throws IOException;

    static void writeError(HttpServletResponse response, int status, String error, String description)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        response.setHeader("Cache-Control", "no-store");
        Json.write(response, status, body);
    }
}
