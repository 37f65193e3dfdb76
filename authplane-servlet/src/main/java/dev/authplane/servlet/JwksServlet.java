package dev.authplane.servlet;

import dev.authplane.core.key.KeyManager;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** {@code GET /.well-known/jwks.json} (RFC 7517, RFC 8414 and RFC 9728): public keys only, cacheable for five minutes. */
final class JwksServlet extends ReadOnlyJsonServlet {

    private static final long serialVersionUID = 1L;

    private final transient KeyManager keys;

    JwksServlet(KeyManager keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    @Override
    void respond(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] jwks = keys.publicJwksJson().getBytes(StandardCharsets.UTF_8);
        response.setHeader("Cache-Control", PUBLIC_CACHE);
        Json.writeRaw(response, HttpServletResponse.SC_OK, jwks);
    }
}
