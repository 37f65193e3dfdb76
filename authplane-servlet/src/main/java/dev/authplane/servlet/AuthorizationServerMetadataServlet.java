package dev.authplane.servlet;

import dev.authplane.core.resource.Resource;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/** {@code GET /.well-known/oauth-authorization-server[/<issuer path>]} (RFC 8414, RFC 7517, RFC 8414 and RFC 9728). */
final class AuthorizationServerMetadataServlet extends ReadOnlyJsonServlet {

    private static final long serialVersionUID = 1L;

    private final transient MetadataDocuments documents;
    private final transient Supplier<List<Resource>> resources;

    AuthorizationServerMetadataServlet(MetadataDocuments documents, Supplier<List<Resource>> resources) {
        this.documents = Objects.requireNonNull(documents, "documents");
        this.resources = Objects.requireNonNull(resources, "resources");
    }

    @Override
    void respond(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", PUBLIC_CACHE);
        Json.write(response, HttpServletResponse.SC_OK, documents.authorizationServer(resources.get()));
    }
}
