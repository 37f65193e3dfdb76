package dev.authplane.servlet;

import dev.authplane.core.client.ClientAssertionCredentials;
import dev.authplane.core.client.ClientAuthMethod;
import dev.authplane.core.client.ClientCredentials;
import dev.authplane.core.client.ClientSecretCredentials;
import dev.authplane.core.error.OAuthError;
import dev.authplane.core.error.OAuthException;
import dev.authplane.core.token.TokenRequest;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * token step 1 (authplane-core README) for {@code POST /oauth/token}: content type, body size, form syntax, no repeated
 * parameter, one client-authentication method (Basic, {@code client_secret} in the body, or a
 * {@code client_assertion}, RFC 7523 §2.2). The {@code DPoP} header is passed on unjudged. The query string is never
 * read: token parameters and credentials belong in the body (RFC 6749 §2.3.1, §3.2).
 *
 * <p>The caller's address for failure throttling is {@link HttpServletRequest#getRemoteAddr()}:
 * behind a reverse proxy, let the container resolve the client address (e.g. Jetty's
 * {@code ForwardedRequestCustomizer}, Tomcat's {@code RemoteIpValve}) for proxies you trust.
 *
 * <p>A parameter sent with an empty value counts as omitted (RFC 6749 §3.1). An
 * {@code Authorization} header with a scheme other than Basic is an authentication attempt with
 * an unsupported method: no credentials reach core, which answers {@code invalid_client}.
 */
final class TokenRequestParser {

    static final String FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

    private TokenRequestParser() {
    }

    /** A parsed request and whether the client authenticated (or tried to) with a header. */
    record Parsed(TokenRequest request, boolean headerAuthentication) {
    }

    /**
     * A client's form request to an endpoint of ours (token, revocation, introspection): its
     * parameters and its credentials, by the same rules everywhere.
     */
    record ClientForm(Map<String, String> form, ClientCredentials credentials, boolean headerAuthentication) {
        /** The parameter {@code name}, {@code null} when absent or empty. */
        String param(String name) {
            return TokenRequestParser.param(form, name);
        }
    }

    /** @throws OAuthException {@code invalid_request} */
    static Parsed parse(HttpServletRequest http) {
        ClientForm client = readClientForm(http);
        TokenRequest request = new TokenRequest(client.param("grant_type"), client.credentials(), client.param("scope"),
                client.param("resource"), dpopProof(http), http.getRemoteAddr(), TraceContext.of(http));
        return new Parsed(request, client.headerAuthentication());
    }

    /** @throws OAuthException {@code invalid_request} */
    static ClientForm readClientForm(HttpServletRequest http) {
        // The raw header: Jetty's getContentType() throws on a charset it does not know (a 500 before).
        requireFormContentType(http.getHeader("Content-Type"));
        Map<String, String> form = readForm(http);
        String authorization = singleAuthorizationHeader(http);
        ClientCredentials credentials = form.containsKey("client_assertion") || form.containsKey("client_assertion_type")
                ? assertionCredentials(form, authorization) : authorization == null
                ? bodyCredentials(form) : headerCredentials(authorization, form);
        return new ClientForm(form, credentials, authorization != null);
    }

    private static void requireFormContentType(String contentType) {
        if (contentType == null) {
            throw invalidRequest("the request must have Content-Type " + FORM_CONTENT_TYPE);
        }
        String[] parts = contentType.split(";");
        if (!FORM_CONTENT_TYPE.equals(parts[0].strip().toLowerCase(Locale.ROOT))) {
            throw invalidRequest("the request must have Content-Type " + FORM_CONTENT_TYPE);
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().toLowerCase(Locale.ROOT).replace("\"", "");
            if (parameter.startsWith("charset=") && !parameter.equals("charset=utf-8")) {
                throw invalidRequest("the request body must be UTF-8");
            }
        }
    }

    private static Map<String, String> readForm(HttpServletRequest http) {
        byte[] body;
        try {
            body = BodyReader.read(http).orElseThrow(() -> invalidRequest(
                    "the token request body exceeds " + BodyReader.MAX_BODY_BYTES + " bytes"));
        } catch (IOException e) {
            throw invalidRequest("the token request body could not be read");
        }
        try {
            return FormDecoding.parseForm(body);
        } catch (IllegalArgumentException e) {
            throw invalidRequest(e.getMessage());
        }
    }

    private static String singleAuthorizationHeader(HttpServletRequest http) {
        List<String> values = Collections.list(http.getHeaders("Authorization"));
        if (values.size() > 1) {
            throw invalidRequest("more than one Authorization header");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    private static ClientSecretCredentials headerCredentials(String authorization, Map<String, String> form) {
        if (form.containsKey("client_secret")) {
            throw invalidRequest("use exactly one client authentication method: "
                    + "the Authorization header or client_secret in the body, not both");
        }
        if (!BasicCredentials.isBasic(authorization)) {
            return null;
        }
        ClientSecretCredentials credentials;
        try {
            credentials = BasicCredentials.parse(authorization);
        } catch (IllegalArgumentException e) {
            throw invalidRequest(e.getMessage());
        }
        String bodyClientId = param(form, "client_id");
        if (bodyClientId != null && !bodyClientId.equals(credentials.clientId())) {
            throw invalidRequest("client_id in the body differs from the one in the Authorization header");
        }
        return credentials;
    }

    /**
     * RFC 7523 §2.2: {@code client_assertion_type} and {@code client_assertion} together, and no
     * other client authentication with them (RFC 6749 §2.3: one method per request).
     */
    private static ClientAssertionCredentials assertionCredentials(Map<String, String> form, String authorization) {
        if (authorization != null || form.containsKey("client_secret")) {
            throw invalidRequest("use exactly one client authentication method: a client_assertion, the"
                    + " Authorization header or client_secret, not several");
        }
        String type = param(form, "client_assertion_type");
        String assertion = param(form, "client_assertion");
        if (type == null || assertion == null) {
            throw invalidRequest("client_assertion and client_assertion_type are sent together");
        }
        if (!ClientAssertionCredentials.JWT_BEARER.equals(type)) {
            throw invalidRequest("client_assertion_type must be " + ClientAssertionCredentials.JWT_BEARER);
        }
        return new ClientAssertionCredentials(param(form, "client_id"), assertion);
    }

    private static ClientSecretCredentials bodyCredentials(Map<String, String> form) {
        String clientId = param(form, "client_id");
        String secret = param(form, "client_secret");
        if (secret != null && clientId == null) {
            throw invalidRequest("client_secret was sent without client_id");
        }
        return secret == null ? null : new ClientSecretCredentials(clientId, secret, ClientAuthMethod.CLIENT_SECRET_POST);
    }

    /**
     * The {@code DPoP} field value as one string, judged by core at its own step (token step 7 (authplane-core README)):
     * several header lines are combined with {@code ", "} (RFC 9110 §5.3), which is never a single
     * compact JWS, so core refuses it with {@code invalid_dpop_proof} after the grant, client,
     * resource and scope checks, and ignores it when DPoP is disabled.
     */
    private static String dpopProof(HttpServletRequest http) {
        List<String> values = Collections.list(http.getHeaders("DPoP"));
        return values.isEmpty() ? null : String.join(", ", values).strip();
    }

    private static String param(Map<String, String> form, String name) {
        String value = form.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    private static OAuthException invalidRequest(String description) {
        return new OAuthException(OAuthError.INVALID_REQUEST, description);
    }
}
