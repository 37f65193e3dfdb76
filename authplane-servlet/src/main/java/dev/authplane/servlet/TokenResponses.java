package dev.authplane.servlet;

import dev.authplane.core.error.OAuthError;
import dev.authplane.core.error.OAuthException;
import dev.authplane.core.token.IssuedToken;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The token endpoint's one response writer and one error writer (RFC 6749 §5.1, §5.2). Every
 * response carries {@code Content-Type: application/json}, {@code Cache-Control: no-store} and
 * {@code Pragma: no-cache}. The HTTP status is chosen here, from the error code, and nowhere else.
 */
final class TokenResponses {

    static final String BASIC_CHALLENGE = "Basic realm=\"authplane\"";

    private TokenResponses() {
    }

    /** RFC 6749 §5.1: the access token response. {@code scope} is omitted when nothing was granted. */
    static void writeToken(HttpServletResponse response, IssuedToken token) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token.accessToken());
        body.put("token_type", token.tokenType());
        body.put("expires_in", token.expiresIn());
        if (!token.scope().isEmpty()) {
            body.put("scope", token.scope());
        }
        noStore(response);
        Json.write(response, HttpServletResponse.SC_OK, body);
    }

    /**
     * RFC 6749 §5.2 with the headers each code needs: a Basic challenge on 401 when the client
     * used the Authorization header, {@code Retry-After} on 429, {@code DPoP-Nonce} on
     * {@code use_dpop_nonce} (RFC 9449 §8).
     */
    static void writeError(HttpServletResponse response, OAuthException error, boolean headerAuthentication)
            throws IOException {
        int status = status(error.error());
        if (status == HttpServletResponse.SC_UNAUTHORIZED && headerAuthentication) {
            response.setHeader("WWW-Authenticate", BASIC_CHALLENGE);
        }
        error.retryAfter().ifPresent(wait -> response.setHeader("Retry-After", retryAfterSeconds(wait)));
        error.dpopNonce().ifPresent(nonce -> response.setHeader("DPoP-Nonce", nonce));
        writeError(response, status, error.error(), error.description());
    }

    /** Writes an error with an explicit status (used for 405, where the status is not the code's). */
    static void writeError(HttpServletResponse response, int status, OAuthError error, String description)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.code());
        body.put("error_description", asciiDescription(description));
        noStore(response);
        Json.write(response, status, body);
    }

    /** 400 for every code except {@code invalid_client} 401, 429, 500 and 503 (RFC 6749 §4.4 (core README, token steps)). */
    static int status(OAuthError error) {
        return switch (error) {
            case INVALID_CLIENT -> HttpServletResponse.SC_UNAUTHORIZED;
            case SLOW_DOWN -> 429;
            case SERVER_ERROR -> HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
            case TEMPORARILY_UNAVAILABLE -> HttpServletResponse.SC_SERVICE_UNAVAILABLE;
            default -> HttpServletResponse.SC_BAD_REQUEST;
        };
    }

    static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
    }

    /** RFC 6749 §5.2 allows only %x20-21 / %x23-5B / %x5D-7E in {@code error_description}. */
    static String asciiDescription(String description) {
        StringBuilder out = new StringBuilder(description.length());
        description.codePoints().forEach(c -> out.append(switch (c) {
            case '"' -> "'";
            case '\\' -> "/";
            case 0xA7 -> "section ";
            default -> c >= 0x20 && c <= 0x7e ? Character.toString(c) : "?";
        }));
        return out.toString();
    }

    private static String retryAfterSeconds(Duration wait) {
        long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
        return Long.toString(Math.max(1, seconds));
    }
}
