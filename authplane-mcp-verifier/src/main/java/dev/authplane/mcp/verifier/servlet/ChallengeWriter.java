package dev.authplane.mcp.verifier.servlet;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.authplane.mcp.verifier.InsufficientScopeException;
import dev.authplane.mcp.verifier.MissingTokenException;
import dev.authplane.mcp.verifier.TokenRejectedException;
import dev.authplane.mcp.verifier.TokenVerificationException;
import dev.authplane.mcp.verifier.TokenVerifier;
import dev.authplane.mcp.verifier.VerificationUnavailableException;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Maps a {@link TokenVerificationException} to status, {@code WWW-Authenticate} challenge
 * (RFC 6750 §3, RFC 9449 §7.1, RFC 9728 §5.1) and a small JSON body. Every value written is either
 * configuration or a fixed text, so nothing about the failed token leaks.
 */
final class ChallengeWriter {

    /** Seconds a client should wait after a 503. */
    static final int RETRY_AFTER_SECONDS = 10;

    private final TokenVerifier verifier;

    ChallengeWriter(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    void write(HttpServletResponse response, TokenVerificationException e) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        if (e instanceof VerificationUnavailableException) {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            writeBody(response, e);
            return;
        }
        response.setStatus(status(e));
        response.setHeader("WWW-Authenticate", challenge(e));
        if (e instanceof MissingTokenException) {
            response.setContentLength(0);
        } else {
            writeBody(response, e);
        }
    }

    private static int status(TokenVerificationException e) {
        if (e instanceof InsufficientScopeException) {
            return HttpServletResponse.SC_FORBIDDEN;
        }
        if (e.error().filter(TokenRejectedException.INVALID_REQUEST::equals).isPresent()) {
            return HttpServletResponse.SC_BAD_REQUEST;
        }
        return HttpServletResponse.SC_UNAUTHORIZED;
    }

    String challenge(TokenVerificationException e) {
        StringBuilder sb = new StringBuilder(e.dpopChallenge() ? "DPoP" : "Bearer");
        sb.append(" resource_metadata=\"").append(verifier.protectedResourceMetadataUrl()).append('"');
        e.error().ifPresent(error -> sb.append(", error=\"").append(error)
                .append("\", error_description=\"").append(e.description()).append('"'));
        if (e instanceof InsufficientScopeException scope) {
            sb.append(", scope=\"").append(String.join(" ", new TreeSet<>(scope.requiredScopes()))).append('"');
        } else if (!verifier.challengeScope().isEmpty()) {
            sb.append(", scope=\"").append(verifier.challengeScope()).append('"');
        }
        if (e.dpopChallenge()) {
            sb.append(", algs=\"").append(verifier.dpopAlgorithms()).append('"');
        }
        return sb.toString();
    }

    /** A JSON error without challenge, for refusals that no token could fix (origin, body). */
    static void writeError(HttpServletResponse response, int status, String error, String description) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        writeJson(response, body);
    }

    private static void writeBody(HttpServletResponse response, TokenVerificationException e) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        e.error().ifPresent(error -> body.put("error", error));
        body.put("error_description", e.description());
        writeJson(response, body);
    }

    private static void writeJson(HttpServletResponse response, Map<String, Object> body) throws IOException {
        byte[] bytes = JSONObjectUtils.toJSONString(body).getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
