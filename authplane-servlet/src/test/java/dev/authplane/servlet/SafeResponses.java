package dev.authplane.servlet;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one assertion every error test goes through: the status, the {@code error} code, the
 * token-endpoint headers, and that the body leaks nothing (no stack trace, no secret, no token, no
 * SQL, no Java class name, ASCII-only description per RFC 6749 §5.2).
 */
final class SafeResponses {

    private static final Pattern STACK_TRACE = Pattern.compile("(\\bat [a-z][\\w.$]+\\(|Caused by|Exception|\\tat )");
    private static final Pattern CLASS_NAME = Pattern.compile("\\b[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*\\.[A-Z][A-Za-z0-9_$]+");
    private static final Pattern SQL = Pattern.compile(
            "(?i)(\\bselect\\b.+\\bfrom\\b|\\binsert\\s+into\\b|\\bupdate\\s+\\w+\\s+set\\b|\\bdelete\\s+from\\b"
                    + "|\\bcreate\\s+table\\b|sqlstate|jdbc:|syntax error)");
    private static final Pattern DESCRIPTION = Pattern.compile("[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]*");

    private SafeResponses() {
    }

    /** Asserts a token-endpoint error: status, code, RFC 6749 §5 headers, and a safe body. */
    static JsonNode assertTokenError(HttpResponse<String> response, int status, String error, String... secrets) {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
        assertTokenHeaders(response);
        JsonNode body = assertSafeBody(response, secrets);
        assertThat(body.path("error").asText()).isEqualTo(error);
        assertThat(body.path("error_description").asText()).matches(DESCRIPTION).isNotBlank();
        assertThat(body.has("access_token")).isFalse();
        return body;
    }

    /** {@code Content-Type: application/json}, {@code Cache-Control: no-store}, {@code Pragma: no-cache}. */
    static void assertTokenHeaders(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        assertThat(response.headers().allValues("Cache-Control")).containsExactly("no-store");
        assertThat(response.headers().allValues("Pragma")).containsExactly("no-cache");
    }

    /** Asserts that an error body is JSON and contains nothing an attacker may learn from. */
    static JsonNode assertSafeBody(HttpResponse<String> response, String... secrets) {
        String body = response.body();
        assertThat(body).doesNotContainPattern(STACK_TRACE).doesNotContainPattern(CLASS_NAME)
                .doesNotContainPattern(SQL).doesNotContain("eyJ").doesNotContain(TestServer.ADMIN_KEY);
        for (String secret : secrets) {
            assertThat(body).doesNotContain(secret);
        }
        return TestServer.json(response);
    }
}
