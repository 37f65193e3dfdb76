package dev.authplane.mcp.verifier;

import java.util.List;
import java.util.Objects;

/**
 * The parts of an HTTP request that token verification looks at.
 *
 * @param authorizationHeaders every {@code Authorization} header value, in order (empty when none)
 * @param dpopHeaders          every {@code DPoP} header value, in order (empty when none)
 * @param method               the HTTP method, e.g. {@code POST}; compared with a proof's {@code htm}
 * @param path                 the raw request path as the client sent it (no query), e.g.
 *                             {@code /mcp}; joined to the configured public origin to form the
 *                             {@code htu} a DPoP proof must name
 */
public record AccessRequest(List<String> authorizationHeaders, List<String> dpopHeaders, String method, String path) {

    /** Copies the lists and checks that nothing is null and the path is absolute. */
    public AccessRequest {
        authorizationHeaders = List.copyOf(Objects.requireNonNull(authorizationHeaders, "authorizationHeaders"));
        dpopHeaders = List.copyOf(Objects.requireNonNull(dpopHeaders, "dpopHeaders"));
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/'");
        }
    }

    /** A request with one {@code Authorization} header value (e.g. {@code "Bearer eyJ…"}) and no DPoP proof. */
    public static AccessRequest of(String authorization, String method, String path) {
        return new AccessRequest(List.of(authorization), List.of(), method, path);
    }

    /** Hides header values: they hold credentials. */
    @Override
    public String toString() {
        return "AccessRequest[" + method + " " + path + ", authorization headers: " + authorizationHeaders.size()
                + ", DPoP headers: " + dpopHeaders.size() + "]";
    }
}
