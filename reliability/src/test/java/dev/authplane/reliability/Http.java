package dev.authplane.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Well-formed HTTP over loopback with {@link HttpClient} (hostile bytes go through {@link RawHttp}). */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Every request gives up after this long, so no test can hang on a stuck server. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A form POST with extra headers given as name, value pairs. */
    static HttpResponse<String> postForm(URI uri, String form, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    static HttpResponse<String> get(URI uri, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    /** An admin API call: {@code json} may be {@code null} for no body. */
    static HttpResponse<String> admin(URI base, String adminKey, String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/admin/v1" + path)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + adminKey)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.build());
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** {@code value} as a JSON string literal. */
    static String quote(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The form body of a {@code client_secret_post} token request. */
    static String tokenForm(String clientId, String secret, String resource) {
        return "grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + secret
                + "&resource=" + java.net.URLEncoder.encode(resource, StandardCharsets.UTF_8);
    }
}
