package dev.authplane.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authplane.core.AuthPlane;
import dev.authplane.core.TestAuthPlanes;
import dev.authplane.core.config.AuthPlaneConfig;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An embedded Jetty 12 (ee10) on a random loopback port serving one {@link AuthPlane} the way an
 * embedder would: public endpoints through {@link AuthPlaneServlets#register} and the admin API
 * through {@link AuthPlaneServlets#registerAdmin}, both called from a context listener. The issuer
 * is deliberately not the loopback URL, so every test also shows that nothing is rebuilt from Host.
 */
final class TestServer implements AutoCloseable {

    static final String ISSUER = "https://as.example.test";
    static final String ADMIN_KEY = "admin-key-for-tests-0123456789";
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final Server jetty;
    private final AuthPlane authPlane;
    private final HttpClient http;
    private final URI base;
    private final String adminBase;

    private TestServer(Server jetty, AuthPlane authPlane, URI base, String contextPath) {
        this.jetty = jetty;
        this.adminBase = ("/".equals(contextPath) ? "" : contextPath) + AuthPlaneServlets.ADMIN_PATH;
        this.authPlane = authPlane;
        this.base = base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * Test configuration: issuer {@link #ISSUER}, bcrypt cost 4, client_credentials on, plus
     * {@code overrides} ({@code section -> key -> value}) merged over it.
     */
    static AuthPlaneConfig config(Map<String, Map<String, Object>> overrides) {
        String issuer = ISSUER;
        List<String> dotted = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> section : overrides.entrySet()) {
            for (Map.Entry<String, Object> key : section.getValue().entrySet()) {
                if ((section.getKey() + "." + key.getKey()).equals("server.issuer")) {
                    issuer = String.valueOf(key.getValue());
                } else {
                    dotted.add(section.getKey() + "." + key.getKey());
                    dotted.add(String.valueOf(key.getValue()));
                }
            }
        }
        return TestAuthPlanes.configFor(issuer, dotted.toArray(String[]::new));
    }

    static TestServer start() {
        return start(AuthPlane.builder(config(Map.of())).build());
    }

    static TestServer start(AuthPlane authPlane) {
        return start(authPlane, "/");
    }

    /** Serves {@code authPlane} from a servlet context at {@code contextPath}. */
    static TestServer start(AuthPlane authPlane, String contextPath) {
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(contextPath);
        context.addEventListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                AuthPlaneServlets.register(event.getServletContext(), authPlane);
                AuthPlaneServlets.registerAdmin(event.getServletContext(), authPlane, ADMIN_KEY);
            }
        });
        jetty.setHandler(context);
        try {
            jetty.start();
        } catch (Exception e) {
            stopQuietly(jetty);
            throw new IllegalStateException("embedded Jetty did not start", e);
        }
        return new TestServer(jetty, authPlane, URI.create("http://127.0.0.1:" + connector.getLocalPort()),
                contextPath);
    }

    AuthPlane authPlane() {
        return authPlane;
    }

    /** The loopback URL of {@code path} (what the HTTP client connects to, not the issuer). */
    URI uri(String path) {
        return base.resolve(path);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    /** {@code POST /oauth/token} with a form body and extra headers given as name, value pairs. */
    HttpResponse<String> token(String form, String... headers) {
        HttpRequest.Builder request = request("/oauth/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    /** An admin API call with the right key; {@code json} may be {@code null} for no body. */
    HttpResponse<String> admin(String method, String path, String json) {
        return adminWithKey(method, path, json, ADMIN_KEY);
    }

    HttpResponse<String> adminWithKey(String method, String path, String json, String key) {
        HttpRequest.Builder request = request(adminBase + path)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return send(request);
    }

    static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static void stopQuietly(Server jetty) {
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("embedded Jetty did not stop", e);
        }
    }

    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("embedded Jetty did not stop", e);
        }
    }
}
