package dev.authplane.reliability;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A registered client as its owner knows it: id, plaintext secret and registered method.
 *
 * @param authMethod {@code client_secret_post} or {@code client_secret_basic}
 */
record TestClient(String clientId, String secret, String authMethod) {

    /** The token request form for {@code resource}, with body credentials for {@code client_secret_post}. */
    String form(String resource) {
        String form = "grant_type=client_credentials&resource=" + URLEncoder.encode(resource, StandardCharsets.UTF_8);
        return "client_secret_basic".equals(authMethod) ? form
                : form + "&client_id=" + clientId + "&client_secret=" + secret;
    }

    /** {@code Authorization: Basic} value (RFC 6749 §2.3.1: both halves form-encoded). */
    String basicHeader() {
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "TestClient[" + clientId + ", " + authMethod + "]";
    }
}
