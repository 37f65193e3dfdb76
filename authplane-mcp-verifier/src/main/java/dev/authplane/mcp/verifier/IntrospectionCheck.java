package dev.authplane.mcp.verifier;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Asks the authorization server whether a token that passed local verification is still active
 * (RFC 7662), authenticating with {@code client_secret_basic}. An inactive answer rejects the
 * token; no answer (connection refused, timeout, a status other than 200, a body that is not
 * the RFC 7662 JSON) refuses it with 503 unless the operator chose fail-open, in which case the
 * locally verified token is accepted and a warning logged once a minute. The token is sent only
 * to the configured endpoint and never logged. Thread-safe.
 */
final class IntrospectionCheck {

    private static final Logger LOG = LoggerFactory.getLogger(IntrospectionCheck.class);
    private static final long WARNING_INTERVAL_MILLIS = Duration.ofMinutes(1).toMillis();

    private final IntrospectionSettings settings;
    private final Duration readTimeout;
    private final int sizeLimit;
    private final Clock clock;
    private final HttpClient http;
    private final String authorization;
    private final AtomicLong nextWarning = new AtomicLong(Long.MIN_VALUE);

    IntrospectionCheck(IntrospectionSettings settings, Duration connectTimeout, Duration readTimeout, int sizeLimit,
                       Clock clock) {
        this.settings = settings;
        this.readTimeout = readTimeout;
        this.sizeLimit = sizeLimit;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((form(settings.clientId()) + ":"
                + form(settings.clientSecret())).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws TokenRejectedException           the authorization server says the token is not active
     * @throws VerificationUnavailableException the answer could not be had and the check fails closed
     */
    void requireActive(String token, boolean dpopChallenge) throws TokenVerificationException {
        Boolean active;
        try {
            active = ask(token);
        } catch (IOException | ParseException e) {
            unavailable(e.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VerificationUnavailableException("interrupted while introspecting");
        }
        if (active == null) {
            unavailable("the introspection answer has no boolean 'active'");
        } else if (!active) {
            throw TokenRejectedException.notActive("token is not active at the authorization server"
                    + " (revoked, or its client or resource removed)", dpopChallenge);
        }
    }

    /** The {@code active} member of the answer, or {@code null} when the answer has none. */
    private Boolean ask(String token) throws IOException, InterruptedException, ParseException {
        HttpRequest request = HttpRequest.newBuilder(settings.endpoint()).timeout(readTimeout)
                .header("Authorization", authorization).header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + form(token) + "&token_type_hint=access_token"))
                .build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("introspection endpoint answered HTTP " + response.statusCode()
                        + (response.statusCode() == 401 ? " (check the introspection client id and secret)" : ""));
            }
            byte[] bytes = body.readNBytes(sizeLimit + 1);
            if (bytes.length > sizeLimit) {
                throw new IOException("introspection answer exceeds " + sizeLimit + " bytes");
            }
            Map<String, Object> json = JSONObjectUtils.parse(new String(bytes, StandardCharsets.UTF_8));
            return json.get("active") instanceof Boolean b ? b : null;
        }
    }

    private void unavailable(String reason) throws VerificationUnavailableException {
        long now = clock.millis();
        long next = nextWarning.get();
        boolean warn = now >= next && nextWarning.compareAndSet(next, now + WARNING_INTERVAL_MILLIS);
        if (settings.failOpen()) {
            if (warn) {
                LOG.warn("Cannot introspect tokens at {} ({}); accepting locally verified tokens (fail-open)",
                        settings.endpoint(), reason);
            }
            return;
        }
        if (warn) {
            LOG.warn("Cannot introspect tokens at {} ({}); answering 503 (fail-closed)", settings.endpoint(), reason);
        }
        throw new VerificationUnavailableException("introspection unavailable: " + reason);
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
