package dev.authplane.servlet;

import dev.authplane.core.admin.AdminException;
import dev.authplane.core.audit.AdminActor;
import dev.authplane.core.storage.StorageUnavailableException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The admin HTTP API (the admin API (authplane-servlet README)) under {@code /admin/v1}: checks the bearer key on every request
 * before anything else (an unknown path without the key is 401, not 404; an address with too many
 * failed checks gets 429 {@code slow_down} with {@code Retry-After}, see {@link AdminFailures}), routes through
 * {@link AdminRoutes}, and writes every answer and error as JSON with {@code Cache-Control: no-store}.
 */
final class AdminServlet extends HttpServlet {

    private static final Logger LOG = LoggerFactory.getLogger(AdminServlet.class);
    private static final long serialVersionUID = 1L;

    private final transient AdminKey key;
    private final transient BearerGate gate;
    private final transient AdminRoutes routes;

    AdminServlet(AdminKey key, AdminFailures failures, AdminRoutes routes) {
        this.key = Objects.requireNonNull(key, "key");
        this.gate = new BearerGate(failures, "authplane-admin", "a valid admin key");
        this.routes = Objects.requireNonNull(routes, "routes");
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        if (!gate.admits(request, response, key::accepts)) {
            return;
        }
        try {
            AdminActor actor = new AdminActor(key.fingerprint("admin-key"), request.getRemoteAddr());
            AdminRoutes.Reply reply = routes.by(actor).route(call(request));
            write(response, reply);
        } catch (AdminException e) {
            writeError(response, status(e.kind()), code(e.kind()), e.getMessage());
        } catch (AdminProblem e) {
            if (e.allow() != null) {
                response.setHeader("Allow", e.allow());
            }
            writeError(response, e.status(), e.error(), e.getMessage());
        } catch (StorageUnavailableException e) {
            LOG.warn("admin {} {}: storage unavailable", request.getMethod(), request.getRequestURI());
            writeError(response, 503, "temporarily_unavailable", "storage is unavailable; retry later");
        } catch (RuntimeException e) {
            LOG.error("admin {} {} failed unexpectedly ({})", request.getMethod(), request.getRequestURI(),
                    e.getClass().getSimpleName(), e);
            writeError(response, 500, "server_error", "the server could not process the request");
        }
    }

    private static AdminRoutes.Call call(HttpServletRequest request) {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        return new AdminRoutes.Call(request.getMethod(), segments, () -> jsonBody(request), request.getQueryString());
    }

    /** The JSON body; an empty one (no type, no length) for an action whose body is optional. */
    private static byte[] jsonBody(HttpServletRequest request) {
        String type = request.getHeader("Content-Type"); // getContentType() throws on an unknown charset
        if (type == null && request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null) {
            return new byte[0];
        }
        if (type == null || !type.split(";")[0].strip().equalsIgnoreCase(Json.CONTENT_TYPE)) {
            throw AdminProblem.invalid("the request body must be JSON with Content-Type " + Json.CONTENT_TYPE);
        }
        try {
            return BodyReader.read(request).orElseThrow(() -> AdminProblem.invalid(
                    "the request body exceeds " + BodyReader.MAX_BODY_BYTES + " bytes"));
        } catch (IOException e) {
            throw AdminProblem.invalid("the request body could not be read");
        }
    }

    private static void write(HttpServletResponse response, AdminRoutes.Reply reply) throws IOException {
        if (reply.body() == null) {
            response.setStatus(reply.status());
            return;
        }
        Json.write(response, reply.status(), reply.body());
    }

    private static int status(AdminException.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
        };
    }

    private static String code(AdminException.Kind kind) {
        return switch (kind) {
            case INVALID -> "invalid_request";
            case NOT_FOUND -> "not_found";
            case CONFLICT -> "conflict";
        };
    }

    private static void writeError(HttpServletResponse response, int status, String error, String message)
            throws IOException {
        BearerGate.writeError(response, status, error, message);
    }
}
