package dev.authplane.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET|POST <issuer path>/oauth/authorize}: the authorization endpoint of a server that serves
 * machine clients only. It exists because the official MCP client SDKs require
 * {@code authorization_endpoint} in the RFC 8414 metadata even for {@code client_credentials}, and
 * it answers every request with the RFC 6749 §4.1.2.1 error, shown directly and never redirected:
 * no client registers a redirection URI here, so every {@code redirect_uri} is unregistered (and a
 * missing one cannot be looked up).
 *
 * <p>Order of checks: a missing {@code client_id}, {@code response_type} or a sent
 * {@code redirect_uri} is {@code invalid_request}; everything else is
 * {@code unsupported_response_type}, as {@code response_types_supported} is empty. The answer is
 * 400 JSON, or a small HTML page for a browser ({@code Accept: text/html}). Nothing of the request
 * is echoed back, and no client is looked up, so the endpoint says nothing about which clients
 * exist.
 */
final class AuthorizationEndpointServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The text every answer carries, so a person who lands here learns what the server is for. */
    static final String MACHINE_CLIENTS_ONLY = "this authorization server serves machine clients only: obtain tokens"
            + " at the token endpoint with grant_type=client_credentials; there is no interactive authorization";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        response.setHeader("Cache-Control", "no-store");
        if (!"GET".equals(method) && !"POST".equals(method)) {
            response.setHeader("Allow", "GET, POST");
            write(request, response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "invalid_request",
                    "the authorization endpoint accepts GET and POST; " + MACHINE_CLIENTS_ONLY);
            return;
        }
        write(request, response, HttpServletResponse.SC_BAD_REQUEST, error(request), MACHINE_CLIENTS_ONLY);
    }

    /** RFC 6749 §4.1.2.1: parameter problems first, then the response type nobody can use here. */
    private static String error(HttpServletRequest request) {
        try {
            boolean noClient = isEmpty(request.getParameter("client_id"));
            boolean noResponseType = isEmpty(request.getParameter("response_type"));
            boolean redirectUri = !isEmpty(request.getParameter("redirect_uri"));
            return noClient || noResponseType || redirectUri ? "invalid_request" : "unsupported_response_type";
        } catch (RuntimeException e) {
            return "invalid_request"; // the container could not decode the parameters (malformed or oversized form)
        }
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, int status, String error,
                              String description) throws IOException {
        if (!wantsHtml(request)) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", error);
            body.put("error_description", description);
            Json.write(response, status, body);
            return;
        }
        byte[] page = ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + error
                + "</title></head>\n<body><h1>" + error + "</h1>\n<p>" + description + ".</p></body></html>\n")
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/html;charset=utf-8");
        response.setContentLength(page.length);
        response.getOutputStream().write(page);
    }

    private static boolean wantsHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && List.of(accept.split(",")).stream()
                .anyMatch(type -> type.strip().toLowerCase(Locale.ROOT).startsWith("text/html"));
    }
}
