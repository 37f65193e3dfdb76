package dev.authplane.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The bearer check in front of the admin API and {@code /metrics}, before anything else: an
 * address with too many failed checks gets {@code 429 slow_down} with {@code Retry-After} (see
 * {@link AdminFailures}) before its key is compared; a request without exactly one
 * {@code Authorization} header the keys accept gets {@code 401} with a {@code Bearer} challenge and
 * counts as a failure. Every refusal is JSON.
 */
final class BearerGate {

    private final AdminFailures failures;
    private final String challenge;
    private final String what;

    /**
     * @param realm the challenge's realm, e.g. {@code authplane-admin}
     * @param what  what the 401 says is required, e.g. {@code a valid admin key}
     */
    BearerGate(AdminFailures failures, String realm, String what) {
        this.failures = Objects.requireNonNull(failures, "failures");
        this.challenge = "Bearer realm=\"" + realm + "\"";
        this.what = Objects.requireNonNull(what, "what");
    }

    /** Whether the request may pass; when not, its refusal has been written. */
    boolean admits(HttpServletRequest request, HttpServletResponse response, Predicate<String> accepts)
            throws IOException {
        Duration wait = failures.blockedFor(request.getRemoteAddr());
        if (!wait.isZero()) {
            response.setHeader("Retry-After", String.valueOf(Math.max(1, (wait.toMillis() + 999) / 1000)));
            writeError(response, 429, "slow_down", "too many failed key checks from this address; retry later");
            return false;
        }
        List<String> authorization = Collections.list(request.getHeaders("Authorization"));
        if (authorization.size() != 1 || !accepts.test(authorization.get(0))) {
            failures.recordFailure(request.getRemoteAddr());
            response.setHeader("WWW-Authenticate", challenge);
            writeError(response, 401, "unauthorized", what + " is required: Authorization: Bearer <key>");
            return false;
        }
        return true;
    }

    static void writeError(HttpServletResponse response, int status, String error, String description)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        Json.write(response, status, body);
    }
}
