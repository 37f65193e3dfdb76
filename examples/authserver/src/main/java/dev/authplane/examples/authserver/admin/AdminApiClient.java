package dev.authplane.examples.authserver.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.authplane.examples.authserver.CliException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Talks JSON to the server's admin API with the bearer admin key. Every failure becomes a one-line
 * {@link CliException}: unreachable server, refused key, or the API's own error message.
 */
final class AdminApiClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI baseUrl;
    private final String adminKey;

    AdminApiClient(URI baseUrl, String adminKey) {
        String base = Objects.requireNonNull(baseUrl, "baseUrl").toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.adminKey = Objects.requireNonNull(adminKey, "adminKey");
    }

    JsonNode get(String path, Map<String, String> query) {
        String q = query.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request(q.isEmpty() ? path : path + "?" + q).GET());
    }

    JsonNode post(String path, Object body) {
        return withJson("POST", path, body);
    }

    JsonNode patch(String path, Object body) {
        return withJson("PATCH", path, body);
    }

    JsonNode put(String path, Object body) {
        return withJson("PUT", path, body);
    }

    private JsonNode withJson(String method, String path, Object body) {
        try {
            return send(request(path).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the request", e);
        }
    }

    JsonNode delete(String path) {
        return send(request(path).DELETE());
    }

    /** One path segment, percent-encoded. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + adminKey);
    }

    private JsonNode send(HttpRequest.Builder builder) {
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw unreachable("connection refused; is 'authserver serve' running?");
        } catch (IOException e) {
            throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", CliException.FAILED);
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() / 100 == 2) {
            return body;
        }
        throw new CliException(errorMessage(response.statusCode(), body), CliException.FAILED);
    }

    private CliException unreachable(String why) {
        return new CliException("cannot reach the admin API at " + baseUrl + " (" + why
                + "); set --admin-url or AUTHPLANE_ADMIN_URL", CliException.FAILED);
    }

    private static String errorMessage(int status, JsonNode body) {
        if (status == 401) {
            return "the admin API refused the admin key (HTTP 401); use the server's key: AUTHPLANE_ADMIN_API_KEY,"
                    + " or the admin-api-key file in the server's data directory (AUTHPLANE_DATA_DIR)";
        }
        for (String field : new String[] {"error_description", "message", "error"}) {
            String text = body.path(field).asText("");
            if (!text.isBlank()) {
                return text.lines().findFirst().orElse(text);
            }
        }
        return "the admin API answered HTTP " + status;
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return NullNode.getInstance();
        }
    }
}
