package dev.authplane.servlet;

import dev.authplane.core.error.OAuthError;
import dev.authplane.core.error.OAuthException;
import dev.authplane.core.token.IssuedToken;
import dev.authplane.core.token.TokenService;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Objects;

/**
 * {@code POST /oauth/token} (RFC 6749 §4.4 (core README, token steps)): parse the request shape, hand the typed request to
 * {@link TokenService}, write its token or its error. No grant logic lives here. In DPoP nonce
 * mode a successful response also carries a fresh {@code DPoP-Nonce} (RFC 9449 §8.2).
 */
final class TokenEndpointServlet extends HttpServlet {

    private static final Logger LOG = LoggerFactory.getLogger(TokenEndpointServlet.class);
    private static final long serialVersionUID = 1L;

    private final transient TokenService tokens;

    TokenEndpointServlet(TokenService tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            TokenResponses.writeError(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED,
                    OAuthError.INVALID_REQUEST, "the token endpoint accepts only POST");
            return;
        }
        boolean headerAuthentication = false;
        try {
            TokenRequestParser.Parsed parsed = TokenRequestParser.parse(request);
            headerAuthentication = parsed.headerAuthentication();
            IssuedToken token = tokens.issue(parsed.request());
            tokens.currentDpopNonce().ifPresent(nonce -> response.setHeader("DPoP-Nonce", nonce));
            TokenResponses.writeToken(response, token);
        } catch (OAuthException e) {
            TokenResponses.writeError(response, e, headerAuthentication);
        } catch (RuntimeException e) {
            LOG.error("token request failed unexpectedly ({})", e.getClass().getSimpleName(), e);
            TokenResponses.writeError(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                    OAuthError.SERVER_ERROR, "the authorization server could not process the request");
        }
    }
}
