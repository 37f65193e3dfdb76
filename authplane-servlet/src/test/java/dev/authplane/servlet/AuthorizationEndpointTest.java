package dev.authplane.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code <issuer>/oauth/authorize} (RFC 6749 §4.1.2.1): every request gets an error shown directly,
 * never a redirect, and the text says the server serves machine clients only.
 */
class AuthorizationEndpointTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> authorize(String query, String accept) {
        HttpRequest.Builder request = server.request("/oauth/authorize" + query).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        return server.send(request);
    }

    private static void assertError(HttpResponse<String> response, String error) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(response.headers().allValues("Cache-Control")).containsExactly("no-store");
        JsonNode body = TestServer.json(response);
        assertThat(body.get("error").asText()).isEqualTo(error);
        assertThat(body.get("error_description").asText()).contains("machine clients only", "client_credentials");
    }

    @Test
    void authorizationCodeRequestWithoutRedirectUriThenUnsupportedResponseType() {
        assertError(authorize("?response_type=code&client_id=abc&state=xyz", null), "unsupported_response_type");
    }

    @Test
    void requestWithRedirectUriThenInvalidRequestShownAndNeverRedirected() {
        HttpResponse<String> response = authorize(
                "?response_type=code&client_id=abc&redirect_uri=https%3A%2F%2Fevil.example%2Fcb&state=xyz", null);

        assertError(response, "invalid_request");
        assertThat(response.body()).doesNotContain("evil.example", "xyz");
    }

    @Test
    void missingClientIdOrResponseTypeThenInvalidRequest() {
        assertError(authorize("?response_type=code", null), "invalid_request");
        assertError(authorize("?client_id=abc", null), "invalid_request");
        assertError(authorize("", null), "invalid_request");
    }

    @Test
    void postFormGetsTheSameAnswerAsGet() {
        HttpResponse<String> response = server.send(server.request("/oauth/authorize")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("response_type=token&client_id=abc", StandardCharsets.UTF_8)));

        assertError(response, "unsupported_response_type");
    }

    @Test
    void browserGetsAnHtmlPageWithTheSameError() {
        HttpResponse<String> response = authorize("?response_type=code&client_id=abc",
                "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(response.body()).contains("unsupported_response_type", "machine clients only");
    }

    @Test
    void otherMethodsThen405WithAllow() {
        HttpResponse<String> response = server.send(server.request("/oauth/authorize")
                .method("PUT", HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("GET, POST");
        assertThat(TestServer.json(response).get("error").asText()).isEqualTo("invalid_request");
    }
}
