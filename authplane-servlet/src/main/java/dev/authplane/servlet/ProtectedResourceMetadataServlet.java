package dev.authplane.servlet;

import dev.authplane.core.resource.Resource;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /.well-known/oauth-protected-resource/<resource path>} (RFC 9728 §3, RFC 7517, RFC 8414 and RFC 9728): the
 * metadata of the registered resource whose URI derives to the requested path (and query).
 *
 * <p>Two resources on different hosts may share a path ({@code https://a/mcp}, {@code https://b/mcp});
 * then the request's {@code Host} picks the one with the same authority. The choice only selects
 * which public document is shown, so trusting {@code Host} here grants nothing.
 */
final class ProtectedResourceMetadataServlet extends ReadOnlyJsonServlet {

    private static final long serialVersionUID = 1L;

    private final transient MetadataDocuments documents;
    private final transient Supplier<List<Resource>> resources;

    ProtectedResourceMetadataServlet(MetadataDocuments documents, Supplier<List<Resource>> resources) {
        this.documents = Objects.requireNonNull(documents, "documents");
        this.resources = Objects.requireNonNull(resources, "resources");
    }

    @Override
    void respond(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Resource> resource = find(requestedPath(request), request.getHeader("Host"));
        if (resource.isEmpty()) {
            writeError(response, HttpServletResponse.SC_NOT_FOUND, "not_found",
                    "no protected resource is registered for this path");
            return;
        }
        response.setHeader("Cache-Control", PUBLIC_CACHE);
        Json.write(response, HttpServletResponse.SC_OK, documents.protectedResource(resource.get()));
    }

    private Optional<Resource> find(String path, String host) {
        List<Resource> matches = resources.get().stream()
                .filter(r -> MetadataDocuments.protectedResourcePath(r.uri()).equals(path)).toList();
        if (matches.size() <= 1) {
            return matches.stream().findFirst();
        }
        List<Resource> sameHost = matches.stream()
                .filter(r -> URI.create(r.uri()).getRawAuthority().equalsIgnoreCase(host)).toList();
        return sameHost.size() == 1 ? Optional.of(sameHost.get(0)) : Optional.empty();
    }

    private static String requestedPath(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return request.getQueryString() == null ? path : path + "?" + request.getQueryString();
    }
}
