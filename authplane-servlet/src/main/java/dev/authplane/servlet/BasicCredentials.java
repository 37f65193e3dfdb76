package dev.authplane.servlet;

import dev.authplane.core.client.ClientAuthMethod;
import dev.authplane.core.client.ClientSecretCredentials;

import java.util.Base64;
import java.util.Locale;

/**
 * Decodes {@code Authorization: Basic} client credentials (RFC 7617 with RFC 6749 §2.3.1): the
 * base64 payload is {@code form-urlencode(client_id) ":" form-urlencode(client_secret)}, so the
 * first raw {@code :} separates the halves and each half is then form-decoded. A client id that
 * contains {@code :} therefore arrives as {@code %3A}, and a secret with {@code + / @ %} survives.
 */
final class BasicCredentials {

    private static final String SCHEME = "basic";

    private BasicCredentials() {
    }

    /** Whether an {@code Authorization} header value uses the Basic scheme (case-insensitive). */
    static boolean isBasic(String authorization) {
        int space = authorization.indexOf(' ');
        String scheme = space < 0 ? authorization : authorization.substring(0, space);
        return SCHEME.equals(scheme.toLowerCase(Locale.ROOT));
    }

    /**
     * @param authorization a header value for which {@link #isBasic(String)} holds
     * @throws IllegalArgumentException with a message safe to show when the header is malformed
     */
    static ClientSecretCredentials parse(String authorization) {
        String payload = authorization.substring(Math.min(authorization.length(), SCHEME.length())).strip();
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(payload);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the Basic authorization header is not valid base64");
        }
        int colon = FormDecoding.indexOf(decoded, (byte) ':', 0, decoded.length);
        if (colon == decoded.length) {
            throw new IllegalArgumentException("the Basic authorization header must hold client_id:client_secret");
        }
        String clientId = FormDecoding.decode(decoded, 0, colon);
        String secret = FormDecoding.decode(decoded, colon + 1, decoded.length);
        if (clientId.isEmpty()) {
            throw new IllegalArgumentException("the Basic authorization header has an empty client_id");
        }
        return new ClientSecretCredentials(clientId, secret, ClientAuthMethod.CLIENT_SECRET_BASIC);
    }
}
