package dev.authplane.servlet;

import dev.authplane.core.client.ClientKeys;
import dev.authplane.core.client.JwksFetcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Fetches {@code private_key_jwt} clients' {@code jwks_uri} documents with the JDK's HTTP client,
 * guarded against server-side request forgery: https only; every address the host resolves to must
 * be public (no loopback, private, link-local, unique-local, CGNAT, multicast or unspecified
 * address), checked before each request and each redirect; at most {@value #MAX_REDIRECTS}
 * redirects and only to the same scheme, host and port; connect and response timeouts; a body of
 * at most {@link ClientKeys#MAX_JWKS_BYTES} bytes; status 200 only. The JDK caches a host's
 * resolution (30 s by default), so the connection uses the addresses just checked; a DNS answer
 * that changes inside that window is the residual risk (SECURITY.md). {@code allowInsecure}
 * ({@code client_auth.allow_insecure_jwks_uri}, development only) lifts the scheme and address
 * rules. Thread-safe.
 */
public final class HttpsJwksFetcher implements JwksFetcher {

    /** The most redirects followed, each to the same origin. */
    public static final int MAX_REDIRECTS = 3;
    /** Default connect timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Default time for the whole response. */
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(5);

    private final boolean allowInsecure;
    private final Duration responseTimeout;
    private final HttpClient http;

    /** A fetcher with the default timeouts and the JDK's trust store. */
    public HttpsJwksFetcher(boolean allowInsecure) {
        this(allowInsecure, DEFAULT_CONNECT_TIMEOUT, DEFAULT_RESPONSE_TIMEOUT, null);
    }

    /** @param sslContext the TLS context to trust servers with, or {@code null} for the JDK default */
    public HttpsJwksFetcher(boolean allowInsecure, Duration connectTimeout, Duration responseTimeout,
                            SSLContext sslContext) {
        this.allowInsecure = allowInsecure;
        this.responseTimeout = Objects.requireNonNull(responseTimeout, "responseTimeout");
        HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Objects.requireNonNull(connectTimeout, "connectTimeout"));
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        this.http = builder.build();
    }

    @Override
    public String fetch(URI uri) throws IOException {
        URI target = uri;
        for (int redirects = 0; ; redirects++) {
            checkTarget(target);
            HttpResponse<InputStream> response = send(target);
            int status = response.statusCode();
            if (status / 100 == 3 && response.headers().firstValue("Location").isPresent()) {
                response.body().close();
                URI next = target.resolve(response.headers().firstValue("Location").get());
                if (redirects == MAX_REDIRECTS || !sameOrigin(uri, next)) {
                    throw new IOException("jwks_uri redirected " + (redirects == MAX_REDIRECTS
                            ? "more than " + MAX_REDIRECTS + " times" : "to another origin (" + origin(next) + ")"));
                }
                target = next;
                continue;
            }
            try (InputStream body = response.body()) {
                if (status != 200) {
                    throw new IOException("jwks_uri answered HTTP " + status);
                }
                byte[] bytes = body.readNBytes(ClientKeys.MAX_JWKS_BYTES + 1);
                if (bytes.length > ClientKeys.MAX_JWKS_BYTES) {
                    throw new IOException("jwks_uri document exceeds " + ClientKeys.MAX_JWKS_BYTES + " bytes");
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
        }
    }

    private HttpResponse<InputStream> send(URI target) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(target).timeout(responseTimeout)
                .header("Accept", "application/jwk-set+json, application/json").GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching the jwks_uri", e);
        }
    }

    /** The scheme and address rules; a refusal names the rule, never a response body. */
    private void checkTarget(URI target) throws IOException {
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowInsecure && scheme.equals("http"))) {
            throw new IOException("jwks_uri must use https (http only with client_auth.allow_insecure_jwks_uri)");
        }
        if (target.getHost() == null) {
            throw new IOException("jwks_uri has no host");
        }
        if (allowInsecure) {
            return;
        }
        for (InetAddress address : InetAddress.getAllByName(target.getHost())) {
            if (!isPublic(address)) {
                throw new IOException("jwks_uri host " + target.getHost() + " resolves to the non-public address "
                        + address.getHostAddress() + " (refused: server-side request forgery)");
            }
        }
    }

    /** Whether {@code address} is a public unicast address. */
    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            return (b[0] & 0xFE) != 0xFC; // fc00::/7 unique local
        }
        int first = b[0] & 0xFF;
        int second = b[1] & 0xFF;
        boolean cgnat = first == 100 && second >= 64 && second < 128; // 100.64.0.0/10
        boolean reserved = first == 0 || first >= 240 || (first == 192 && second == 0 && (b[2] & 0xFF) == 0);
        return !cgnat && !reserved;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return origin(a).equals(origin(b));
    }

    private static String origin(URI u) {
        int port = u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
        return String.valueOf(u.getScheme()).toLowerCase(Locale.ROOT) + "://"
                + String.valueOf(u.getHost()).toLowerCase(Locale.ROOT) + ":" + port;
    }
}
