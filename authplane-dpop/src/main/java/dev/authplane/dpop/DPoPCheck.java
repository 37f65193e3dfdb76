package dev.authplane.dpop;

import java.util.Objects;

/**
 * What a DPoP proof is checked against for one HTTP request (RFC 9449 §4.3, §7.1).
 *
 * @param method      the request's HTTP method, compared with {@code htm} exactly
 * @param uri         the request's URL, compared with {@code htu} after {@link Htu#normalize}
 * @param accessToken the access token presented with the request, or {@code null} at the token
 *                    endpoint; when set, the proof must carry a matching {@code ath}, and when
 *                    {@code null} the proof must carry none
 * @param boundJkt    the token's {@code cnf.jkt}, which the proof key's thumbprint must equal, or
 *                    {@code null} at the token endpoint (where the proof creates the binding)
 */
public record DPoPCheck(String method, String uri, String accessToken, String boundJkt) {

    public DPoPCheck {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        if ((accessToken == null) != (boundJkt == null)) {
            throw new IllegalArgumentException("accessToken and boundJkt go together");
        }
    }

    /** A proof sent to a token endpoint: no access token, so no {@code ath} allowed. */
    public static DPoPCheck tokenEndpoint(String method, String uri) {
        return new DPoPCheck(method, uri, null, null);
    }

    /** A proof sent to a protected resource with a token bound to {@code jkt}: {@code ath} required. */
    public static DPoPCheck resourceRequest(String method, String uri, String accessToken, String jkt) {
        return new DPoPCheck(method, uri, Objects.requireNonNull(accessToken, "accessToken"), Objects.requireNonNull(jkt, "jkt"));
    }

    @Override
    public String toString() {
        return "DPoPCheck[method=" + method + ", uri=" + uri + ", accessToken=" + (accessToken != null) + "]";
    }
}
