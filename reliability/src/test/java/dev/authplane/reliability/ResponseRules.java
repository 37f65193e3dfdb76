package dev.authplane.reliability;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What every answer to hostile input must look like. Each rule returns a problem description, or
 * empty when the response is acceptable, so a corpus run can collect every violation before
 * failing.
 */
final class ResponseRules {

    /** RFC 6749 §5.2 codes plus RFC 8707's {@code invalid_target}, RFC 9449's DPoP codes and {@code slow_down}. */
    static final Set<String> TOKEN_ERRORS = Set.of("invalid_request", "invalid_client", "invalid_grant",
            "unauthorized_client", "unsupported_grant_type", "invalid_scope", "invalid_target", "invalid_dpop_proof",
            "use_dpop_nonce", "slow_down");

    /** The admin API's error codes (authplane-servlet README) that may answer bad input. */
    static final Set<String> ADMIN_ERRORS = Set.of("invalid_request", "not_found", "method_not_allowed", "conflict",
            "unauthorized");

    private static final Pattern LEAK = Pattern.compile(
            "(\\bat [a-z][\\w.$]+\\(|Caused by|Exception\\b|\\tat |\\bjdbc:|SQLState|\\beyJ[A-Za-z0-9_-]{10,}\\.|"
                    + "\\b(?:java|jakarta|org|com|dev)\\.[a-z0-9_.]+\\.[A-Z]\\w+)");
    private static final Pattern JWS = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_.-]*");
    /** RFC 6749 §5.2: {@code error_description} is %x20-21 / %x23-5B / %x5D-7E. */
    private static final Pattern ASCII_DESCRIPTION = Pattern.compile("[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]+");
    /** The admin API is not OAuth: its descriptions are JSON strings for an operator, possibly quoting input. */
    private static final Pattern ANY_DESCRIPTION = Pattern.compile("(?s).+");

    private ResponseRules() {
    }

    /** A token-endpoint answer to a request that must not succeed. */
    static Optional<String> tokenError(RawHttp.Request request, RawHttp.Response response) {
        Optional<String> common = neverSuccessOrServerError(response);
        if (common.isPresent()) {
            return common;
        }
        if (!"no-store".equals(response.header("cache-control")) || !"no-cache".equals(response.header("pragma"))) {
            return Optional.of("missing Cache-Control: no-store / Pragma: no-cache");
        }
        if (request.method().equals("HEAD")) {
            return response.status() == 405 ? Optional.empty() : Optional.of("HEAD answered " + response.status());
        }
        Optional<JsonNode> body = jsonError(response, TOKEN_ERRORS, ASCII_DESCRIPTION);
        if (body.isEmpty()) {
            return Optional.of("not an RFC 6749 JSON error: " + clip(response.body()));
        }
        String error = body.get().get("error").asText();
        int expected = switch (error) {
            case "invalid_client" -> 401;
            case "slow_down" -> 429;
            default -> response.status() == 405 ? 405 : 400;
        };
        if (response.status() != expected) {
            return Optional.of("status " + response.status() + " does not match error " + error);
        }
        if (expected == 429 && response.header("retry-after") == null) {
            return Optional.of("429 without Retry-After");
        }
        if (expected == 405 && !"POST".equals(response.header("allow"))) {
            return Optional.of("405 without Allow: POST");
        }
        return Optional.empty();
    }

    /** An admin API answer to a request that must not succeed. */
    static Optional<String> adminError(RawHttp.Response response) {
        Optional<String> common = neverSuccessOrServerError(response);
        if (common.isPresent()) {
            return common;
        }
        return jsonError(response, ADMIN_ERRORS, ANY_DESCRIPTION).isPresent() ? Optional.empty()
                : Optional.of("not a JSON admin error: " + clip(response.body()));
    }

    /**
     * Any status but a 5xx (a success is allowed: a JWKS request with an odd header is still a
     * JWKS request), never a token in the answer, no internal detail.
     */
    static Optional<String> neverServerErrorOrToken(RawHttp.Response response) {
        if (response.status() >= 500) {
            return Optional.of("status " + response.status() + ": " + clip(response.body()));
        }
        if (response.body().contains("access_token")) {
            return Optional.of("a token in the answer");
        }
        if (LEAK.matcher(response.body()).find()) {
            return Optional.of("internal detail leaked: " + clip(response.body()));
        }
        return Optional.empty();
    }

    /** 4xx only; no token, no stack trace, class name or SQL in the body. */
    static Optional<String> neverSuccessOrServerError(RawHttp.Response response) {
        if (response.status() < 400) {
            return Optional.of("status " + response.status() + ": " + clip(response.body()));
        }
        return neverServerErrorOrToken(response);
    }

    private static Optional<JsonNode> jsonError(RawHttp.Response response, Set<String> codes, Pattern description) {
        String type = response.header("content-type");
        if (type == null || !type.startsWith("application/json")) {
            return Optional.empty();
        }
        JsonNode body;
        try {
            body = Http.JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
        if (body == null || !body.isObject() || !codes.contains(body.path("error").asText())
                || !description.matcher(body.path("error_description").asText()).matches()) {
            return Optional.empty();
        }
        return Optional.of(body);
    }

    /** At most 300 characters of {@code text}, with anything shaped like a JWS replaced, for failure messages. */
    static String clip(String text) {
        String safe = JWS.matcher(text).replaceAll("<token>");
        return safe.length() <= 300 ? safe : safe.substring(0, 300) + "...";
    }
}
