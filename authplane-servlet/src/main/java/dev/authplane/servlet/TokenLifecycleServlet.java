package dev.authplane.servlet;

import dev.authplane.core.AuthPlane;
import dev.authplane.core.client.AuthenticatedClient;
import dev.authplane.core.client.ClientAuthentication;
import dev.authplane.core.error.OAuthError;
import dev.authplane.core.error.OAuthException;
import dev.authplane.core.storage.StorageUnavailableException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Objects;

/**
 * {@code POST /oauth/revoke} (RFC 7009) and {@code POST /oauth/introspect} (RFC 7662): the same
 * request shape and client authentication as the token endpoint (every registered method, the
 * same failure throttle), a required {@code token} parameter ({@code token_type_hint} is read as a
 * hint only: every token is looked up whatever it says), {@code Cache-Control: no-store}.
 * Revocation answers 200 with an empty body whatever became of the token (RFC 7009 §2.2);
 * introspection answers the RFC 7662 §2.2 JSON, or 401 {@code invalid_client} for a client not
 * allowed to introspect.
 */
final class TokenLifecycleServlet extends HttpServlet {

    private static final Logger LOG = LoggerFactory.getLogger(TokenLifecycleServlet.class);
    private static final long serialVersionUID = 1L;

    /** What the endpoint does for an authenticated caller and its {@code token}. */
    private interface Answer {
        void write(AuthenticatedClient caller, String token, HttpServletResponse response) throws IOException;
    }

    private final String endpoint;
    private final transient ClientAuthentication authentication;
    private final transient Answer answer;

    private TokenLifecycleServlet(String endpoint, ClientAuthentication authentication, Answer answer) {
        this.endpoint = endpoint;
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.answer = answer;
    }

    static TokenLifecycleServlet revocation(AuthPlane plane) {
        return new TokenLifecycleServlet("revocation", plane.clientAuthentication(), (caller, token, response) -> {
            plane.revocation().revokeOwn(caller.client(), token);
            TokenResponses.noStore(response);
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentLength(0);
        });
    }

    static TokenLifecycleServlet introspection(AuthPlane plane) {
        return new TokenLifecycleServlet("introspection", plane.clientAuthentication(), (caller, token, response) -> {
            var json = plane.introspector().introspect(caller.client(), token).toJson();
            TokenResponses.noStore(response);
            Json.write(response, HttpServletResponse.SC_OK, json);
        });
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            TokenResponses.writeError(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED,
                    OAuthError.INVALID_REQUEST, "the " + endpoint + " endpoint accepts only POST");
            return;
        }
        boolean headerAuthentication = false;
        try {
            TokenRequestParser.ClientForm form = TokenRequestParser.readClientForm(request);
            headerAuthentication = form.headerAuthentication();
            String token = form.param("token");
            if (token == null) {
                throw new OAuthException(OAuthError.INVALID_REQUEST, "the token parameter is required");
            }
            AuthenticatedClient caller = authentication.authenticate(form.credentials(), request.getRemoteAddr());
            answer.write(caller, token, response);
        } catch (OAuthException e) {
            TokenResponses.writeError(response, e, headerAuthentication);
        } catch (StorageUnavailableException e) {
            LOG.warn("{} request failed: the store is unavailable ({})", endpoint, e.getMessage());
            TokenResponses.writeError(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    OAuthError.TEMPORARILY_UNAVAILABLE, "the authorization server's store is unavailable; retry later");
        } catch (RuntimeException e) {
            LOG.error("{} request failed unexpectedly ({})", endpoint, e.getClass().getSimpleName(), e);
            TokenResponses.writeError(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                    OAuthError.SERVER_ERROR, "the authorization server could not process the request");
        }
    }
}
