package dev.authplane.mcp.verifier;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in authorization server on loopback (JDK HTTP server): RFC 8414 metadata and a JWKS the
 * test controls, a fetch counter, and an outage switch.
 */
public final class StubAuthorizationServer implements AutoCloseable {

    public static final String JWKS_PATH = "/oauth/jwks.json";

    private final HttpServer server;
    private final String issuerPath;
    private final List<JWK> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private final AtomicInteger metadataFetches = new AtomicInteger();
    private final AtomicBoolean down = new AtomicBoolean();
    private volatile String metadataIssuer;
    private volatile String metadataJwksUri;

    private StubAuthorizationServer(String issuerPath) throws IOException {
        this.issuerPath = issuerPath;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(Uris.wellKnownPath(java.net.URI.create("http://x" + issuerPath), Uris.AUTHORIZATION_SERVER_WELL_KNOWN), this::metadata);
        server.createContext(JWKS_PATH, this::jwks);
        server.start();
        this.metadataIssuer = issuer();
    }

    /** A stub whose issuer has no path. */
    public static StubAuthorizationServer start() throws IOException {
        return new StubAuthorizationServer("");
    }

    /** A stub whose issuer has a path, e.g. {@code /tenants/a}. */
    public static StubAuthorizationServer startWithIssuerPath(String path) throws IOException {
        return new StubAuthorizationServer(path);
    }

    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + issuerPath;
    }

    public String jwksUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + JWKS_PATH;
    }

    public StubAuthorizationServer publish(JWK... keys) {
        for (JWK key : keys) {
            published.add(key.toPublicJWK());
        }
        return this;
    }

    public void unpublishAll() {
        published.clear();
    }

    public void setDown(boolean isDown) {
        down.set(isDown);
    }

    /** Makes the metadata document name another issuer. */
    public void setMetadataIssuer(String issuer) {
        this.metadataIssuer = issuer;
    }

    /** Makes the metadata document name another {@code jwks_uri}. */
    public void setMetadataJwksUri(String jwksUri) {
        this.metadataJwksUri = jwksUri;
    }

    public int jwksFetches() {
        return jwksFetches.get();
    }

    public int metadataFetches() {
        return metadataFetches.get();
    }

    private void metadata(HttpExchange exchange) throws IOException {
        metadataFetches.incrementAndGet();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", metadataIssuer);
        doc.put("token_endpoint", issuer() + "/oauth/token");
        doc.put("jwks_uri", metadataJwksUri != null ? metadataJwksUri : jwksUri());
        respond(exchange, JSONObjectUtils.toJSONString(doc));
    }

    private void jwks(HttpExchange exchange) throws IOException {
        jwksFetches.incrementAndGet();
        respond(exchange, new JWKSet(new ArrayList<>(published)).toString(true));
    }

    private void respond(HttpExchange exchange, String json) throws IOException {
        try (exchange) {
            if (down.get()) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
