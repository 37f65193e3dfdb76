package dev.authplane.examples.mcpserver;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Answers {@code GET} on the MCP endpoint with 405 at once: this server never sends messages
 * outside a response, so it offers no server-to-client SSE stream, as the Streamable HTTP
 * transport allows. Left to the SDK, the GET would stay open without a status line until an
 * event arrives, and clients that wait for the headers (the Python SDK, holding its auth lock)
 * would stall every later request.
 */
final class NoServerPushFilter implements Filter {

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (req instanceof HttpServletRequest request && res instanceof HttpServletResponse response
                && request.getMethod().equals("GET")) {
            byte[] body = "{\"error\":\"method_not_allowed\",\"error_description\":\"this MCP server offers no server-to-client stream; send requests with POST\"}"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            response.setHeader("Allow", "POST, DELETE");
            response.setContentType("application/json");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            return;
        }
        chain.doFilter(req, res);
    }
}
