package dev.authplane.core.token;

import java.util.Objects;

/**
 * A successful token response (RFC 6749 §5.1). There is never a refresh token.
 *
 * @param accessToken the signed JWT
 * @param tokenType   {@code Bearer}, or {@code DPoP} when the token is bound to a proof key
 * @param expiresIn   lifetime in seconds
 * @param scope       granted scopes, sorted and space-separated; empty when none
 */
public record IssuedToken(String accessToken, String tokenType, long expiresIn, String scope) {

    public IssuedToken {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(tokenType, "tokenType");
        Objects.requireNonNull(scope, "scope");
    }

    @Override
    public String toString() {
        return "IssuedToken[tokenType=" + tokenType + ", expiresIn=" + expiresIn + ", scope=" + scope + "]";
    }
}
