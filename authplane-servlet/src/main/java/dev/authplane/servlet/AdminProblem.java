package dev.authplane.servlet;

import jakarta.servlet.http.HttpServletResponse;

/**
 * A refusal raised by the admin transport itself (unknown path, wrong method, unreadable input),
 * as opposed to an {@link dev.authplane.core.admin.AdminException} from the service. Its message
 * is safe to show to the operator.
 */
final class AdminProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final String allow;

    private AdminProblem(int status, String error, String message, String allow) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
        this.allow = allow;
    }

    static AdminProblem invalid(String message) {
        return new AdminProblem(HttpServletResponse.SC_BAD_REQUEST, "invalid_request", message, null);
    }

    static AdminProblem notFound() {
        return new AdminProblem(HttpServletResponse.SC_NOT_FOUND, "not_found",
                "no such admin endpoint; see the admin API reference in the authplane-servlet README", null);
    }

    static AdminProblem methodNotAllowed(String allow) {
        return new AdminProblem(HttpServletResponse.SC_METHOD_NOT_ALLOWED, "method_not_allowed",
                "this admin endpoint accepts " + allow, allow);
    }

    int status() {
        return status;
    }

    String error() {
        return error;
    }

    /** The {@code Allow} header value for a 405, or {@code null}. */
    String allow() {
        return allow;
    }
}
