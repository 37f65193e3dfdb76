package dev.authplane.mcp.verifier.servlet;

import dev.authplane.mcp.verifier.AccessRequest;
import dev.authplane.mcp.verifier.TokenVerificationException;
import dev.authplane.mcp.verifier.TokenVerifier;
import dev.authplane.mcp.verifier.VerifiedToken;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A servlet {@link Filter} that lets a request through only with a verified access token, for any
 * servlet-based MCP server. Map it in front of the MCP endpoint <em>and</em> at
 * {@link TokenVerifier#protectedResourceMetadataPath()}, where it serves the RFC 9728 document
 * itself (unauthenticated, as RFC 9728 requires).
 *
 * <p>On success the {@link VerifiedToken} is stored as request attribute
 * {@link VerifiedToken#REQUEST_ATTRIBUTE}. CORS preflights ({@code OPTIONS} with {@code Origin} and
 * {@code Access-Control-Request-Method}) pass through without a token. A request whose
 * {@code Origin} (or, when checked, {@code Host}) the {@link OriginPolicy} does not allow is refused
 * first with 403 {@code forbidden_origin} (DNS rebinding). When tools have scopes of their own
 * ({@code TokenVerifierBuilder.toolScopes}), a POST body's {@code tools/call} requests are checked
 * before the MCP server runs. Otherwise: missing token 401 (no {@code error}),
 * rejected token 401 {@code invalid_token} / {@code invalid_dpop_proof} (400 {@code invalid_request}
 * for two {@code Authorization} headers), missing scope 403 {@code insufficient_scope}, verification
 * impossible 503. Every 400/401/403 carries {@code WWW-Authenticate} with
 * {@code resource_metadata}. Thread-safe.
 */
public final class AccessTokenFilter implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(AccessTokenFilter.class);

    /** Largest JSON-RPC body read to find the called tools (when tools have scopes): 4 MiB. */
    public static final int MAX_INSPECTED_BODY_BYTES = 4 * 1024 * 1024;
    /** The most body bytes read and dropped before a refusal (see {@link #drainBody}). */
    private static final int MAX_DRAINED_BODY_BYTES = 64 * 1024;

    private final TokenVerifier verifier;
    private final OriginPolicy origins;
    private final ChallengeWriter challenges;
    private final byte[] metadata;

    /**
     * A filter over {@code verifier} that allows the resource URI's origin only
     * ({@link OriginPolicy#forResource}); the filter does not close the verifier.
     */
    public AccessTokenFilter(TokenVerifier verifier) {
        this(verifier, OriginPolicy.forResource(verifier.resource()));
    }

    /** A filter over {@code verifier} that answers only the origins and hosts {@code origins} allows. */
    public AccessTokenFilter(TokenVerifier verifier, OriginPolicy origins) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.origins = Objects.requireNonNull(origins, "origins");
        this.challenges = new ChallengeWriter(verifier);
        this.metadata = verifier.protectedResourceMetadataJson().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            throw new ServletException("AccessTokenFilter handles HTTP requests only");
        }
        if (request.getRequestURI().equals(verifier.protectedResourceMetadataPath())) {
            serveMetadata(request, response);
            return;
        }
        String refusal = origins.refusal(request.getHeader("Origin"), request.getHeader("Host"));
        if (refusal != null) {
            LOG.debug("Refused {} {}: {}", request.getMethod(), request.getRequestURI(), refusal);
            drainBody(request, response);
            ChallengeWriter.writeError(response, HttpServletResponse.SC_FORBIDDEN, "forbidden_origin", refusal);
            return;
        }
        if (isCorsPreflight(request)) {
            chain.doFilter(request, response);
            return;
        }
        AccessRequest access = new AccessRequest(headers(request, "Authorization"), headers(request, "DPoP"),
                request.getMethod(), request.getRequestURI());
        VerifiedToken token;
        try {
            token = verifier.verify(access);
        } catch (TokenVerificationException e) {
            LOG.debug("Refused {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
            drainBody(request, response);
            challenges.write(response, e);
            return;
        }
        request.setAttribute(VerifiedToken.REQUEST_ATTRIBUTE, token);
        HttpServletRequest checked = verifier.hasToolScopes() && request.getMethod().equals("POST")
                ? authorizeToolCalls(request, response, token) : request;
        if (checked != null) {
            chain.doFilter(checked, response);
        }
    }

    /**
     * Reads and drops what is left of a refused request's body (at most
     * {@value #MAX_DRAINED_BODY_BYTES} bytes) before the answer is written: an answer sent while
     * body bytes wait on the connection makes the container close it right after the answer, and a
     * client that reuses the connection for its next request then reads nothing. A larger body is
     * left unread and the answer says {@code Connection: close}.
     */
    private static void drainBody(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getContentLengthLong() == 0) {
            return;
        }
        if (request.getContentLengthLong() > MAX_DRAINED_BODY_BYTES) {
            response.setHeader("Connection", "close");
            return;
        }
        java.io.InputStream in = request.getInputStream();
        byte[] buffer = new byte[8192];
        long left = MAX_DRAINED_BODY_BYTES + 1L;
        for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0; ) {
            left -= n;
        }
        if (left <= 0) {
            response.setHeader("Connection", "close");
        }
    }

    /**
     * Reads the body to find the called tools and checks their scopes before the MCP server runs,
     * so a missing scope is an HTTP 403 challenge the client can step up on, not a tool error.
     *
     * @return the request to pass on (body buffered), or {@code null} when it was answered here
     */
    private HttpServletRequest authorizeToolCalls(HttpServletRequest request, HttpServletResponse response,
                                                  VerifiedToken token) throws IOException {
        Optional<BufferedRequest> buffered = BufferedRequest.read(request, MAX_INSPECTED_BODY_BYTES);
        if (buffered.isEmpty()) {
            response.setHeader("Connection", "close");
            ChallengeWriter.writeError(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "invalid_request",
                    "the request body exceeds " + MAX_INSPECTED_BODY_BYTES + " bytes");
            return null;
        }
        List<String> tools;
        try {
            tools = ToolCalls.in(buffered.get().body());
        } catch (IllegalArgumentException e) {
            ChallengeWriter.writeError(response, HttpServletResponse.SC_BAD_REQUEST, "invalid_request", e.getMessage());
            return null;
        }
        try {
            verifier.authorizeToolCalls(token, tools);
        } catch (TokenVerificationException e) {
            LOG.debug("Refused tools/call {} for client_id {}: {}", tools, token.clientId(), e.getMessage());
            challenges.write(response, e);
            return null;
        }
        return buffered.get();
    }

    private void serveMetadata(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Access-Control-Allow-Origin", "*");
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            response.setHeader("Allow", "GET, HEAD");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "public, max-age=3600");
        response.setContentLength(metadata.length);
        if (request.getMethod().equals("GET")) {
            response.getOutputStream().write(metadata);
        }
    }

    /**
     * Browsers send CORS preflights without credentials (Fetch standard), so demanding a token
     * would break every browser-based MCP client; the preflight reaches the application, whose CORS
     * policy answers it.
     */
    private static boolean isCorsPreflight(HttpServletRequest request) {
        return request.getMethod().equals("OPTIONS") && request.getHeader("Origin") != null
                && request.getHeader("Access-Control-Request-Method") != null;
    }

    private static List<String> headers(HttpServletRequest request, String name) {
        var values = request.getHeaders(name);
        return values == null ? List.of() : Collections.list(values);
    }
}
