package dev.authplane.examples.authserver;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Jetty's last-resort error responses (an {@link Error} escaping a servlet, an unknown path, a
 * request Jetty itself refuses) as fixed JSON bodies. Jetty's default page names the exception
 * class and its message; these bodies name nothing but an error code, so no class name, message or
 * stack trace ever reaches a client.
 */
final class JsonErrorPages {

    private JsonErrorPages() {
    }

    /** Installs the JSON error pages on the server and on each servlet context. */
    static void install(Server server, ServletContextHandler... contexts) {
        server.setErrorHandler(new ServerLevel());
        for (ServletContextHandler context : contexts) {
            context.setErrorHandler(new ContextLevel());
        }
    }

    /** The fixed body for {@code status}: an error code and a description that reveal nothing. */
    static String body(int status) {
        if (status >= 500) {
            return "{\"error\":\"server_error\",\"error_description\":\"The server could not process the request\"}";
        }
        if (status == 404) {
            return "{\"error\":\"not_found\",\"error_description\":\"No such endpoint\"}";
        }
        if (status == 405) {
            return "{\"error\":\"method_not_allowed\",\"error_description\":\"Method not allowed\"}";
        }
        return "{\"error\":\"invalid_request\",\"error_description\":\"The request could not be parsed\"}";
    }

    private static boolean writeJson(Response response, Callback callback, int status) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body(status).getBytes(StandardCharsets.US_ASCII)), callback);
        return true;
    }

    /** For errors outside any servlet context. */
    private static final class ServerLevel extends ErrorHandler {
        @Override
        protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                String contentType, List<Charset> charsets, int code, String message, Throwable cause) {
            return writeJson(response, callback, code);
        }
    }

    /** For errors inside a servlet context, including an {@link Error} thrown by a servlet. */
    private static final class ContextLevel extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
        @Override
        protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                String contentType, List<Charset> charsets, int code, String message, Throwable cause) {
            return writeJson(response, callback, code);
        }
    }
}
