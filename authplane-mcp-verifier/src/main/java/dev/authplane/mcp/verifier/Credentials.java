package dev.authplane.mcp.verifier;

/**
 * The access token and scheme taken from the {@code Authorization} header (RFC 6750 §2.1,
 * RFC 9449 §7.1). Tokens in a form body or query string are not looked at (OAuth 2.1 §5.2.1 and the
 * MCP authorization spec forbid the query; the header is the only method advertised).
 *
 * @param token the access token (token68 syntax)
 * @param dpop  whether the {@code DPoP} scheme was used rather than {@code Bearer}
 */
record Credentials(String token, boolean dpop) {

    static Credentials from(AccessRequest request, boolean dpopRequired) throws TokenVerificationException {
        if (request.authorizationHeaders().isEmpty()) {
            throw new MissingTokenException(dpopRequired);
        }
        if (request.authorizationHeaders().size() > 1) {
            throw new TokenRejectedException(TokenRejectedException.INVALID_REQUEST, "more than one Authorization header", dpopRequired);
        }
        String header = request.authorizationHeaders().get(0);
        int space = header.indexOf(' ');
        String scheme = space < 0 ? header : header.substring(0, space);
        boolean dpop = scheme.equalsIgnoreCase("DPoP");
        if (!dpop && !scheme.equalsIgnoreCase("Bearer")) {
            throw new MissingTokenException(dpopRequired);
        }
        String token = space < 0 ? "" : header.substring(space + 1).strip();
        if (!isToken68(token)) {
            throw TokenRejectedException.invalidToken("Authorization header value is not a token68", dpop || dpopRequired);
        }
        if (dpopRequired && !dpop) {
            throw TokenRejectedException.invalidToken("Bearer scheme used where DPoP is required", true);
        }
        return new Credentials(token, dpop);
    }

    /** RFC 7235 §2.1 token68: {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}. */
    static boolean isToken68(String value) {
        int n = value.length();
        int end = n;
        while (end > 0 && value.charAt(end - 1) == '=') {
            end--;
        }
        if (end == 0) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "Credentials[" + (dpop ? "DPoP" : "Bearer") + "]";
    }
}
