package dev.authplane.core.dpop;

import java.util.Objects;

/**
 * What a DPoP proof is checked against for one HTTP request (RFC 9449 §4.3).
 *
 * @param method      the request's HTTP method, compared with {@code htm} exactly
 * @param uri         the request's URL (the target URI without query and fragment is what counts),
 *                    compared with {@code htu} after normalising scheme, host, port and path
 * @param accessToken the access token presented with the request, or {@code null} at the token
 *                    endpoint; when set, the proof must carry a matching {@code ath}, and when
 *                    {@code null} the proof must carry none
 */
public record DPoPCheck(String method, String uri, String accessToken) {

    public DPoPCheck {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
    }

    /** A proof sent to a token endpoint: no access token, so no {@code ath} allowed. */
    public static DPoPCheck tokenEndpoint(String method, String uri) {
        return new DPoPCheck(method, uri, null);
    }

    /** A proof sent to a protected resource with {@code accessToken}: {@code ath} required. */
    public static DPoPCheck resourceRequest(String method, String uri, String accessToken) {
        return new DPoPCheck(method, uri, Objects.requireNonNull(accessToken, "accessToken"));
    }

    @Override
    public String toString() {
        return "DPoPCheck[method=" + method + ", uri=" + uri + ", accessToken=" + (accessToken != null) + "]";
    }
}
