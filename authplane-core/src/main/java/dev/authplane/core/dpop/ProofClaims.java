package dev.authplane.core.dpop;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/** Checks on a DPoP proof's claims that need no state: {@code jti}, {@code htm}, {@code htu}, {@code ath}. */
final class ProofClaims {

    private static final int MAX_JTI_LENGTH = 256;

    private ProofClaims() {
    }

    static String jti(JWTClaimsSet claims) {
        if (!(claims.getClaim("jti") instanceof String jti) || jti.isEmpty() || jti.length() > MAX_JTI_LENGTH) {
            throw ProofHeaders.invalid("DPoP proof has no valid jti");
        }
        return jti;
    }

    static void checkRequest(JWTClaimsSet claims, DPoPCheck check) {
        if (!check.method().equals(claims.getClaim("htm"))) {
            throw ProofHeaders.invalid("DPoP proof htm does not match the request method");
        }
        String expected = normalise(check.uri());
        if (expected == null || !(claims.getClaim("htu") instanceof String htu) || !expected.equals(normalise(htu))) {
            throw ProofHeaders.invalid("DPoP proof htu does not match the request URL");
        }
    }

    static void checkAth(JWTClaimsSet claims, String accessToken) {
        Object ath = claims.getClaim("ath");
        if (accessToken == null) {
            if (ath != null) {
                throw ProofHeaders.invalid("DPoP proof must not contain ath at the token endpoint");
            }
            return;
        }
        byte[] expected = Base64URL.encode(sha256(accessToken)).toString().getBytes(StandardCharsets.US_ASCII);
        if (!(ath instanceof String s) || !MessageDigest.isEqual(expected, s.getBytes(StandardCharsets.US_ASCII))) {
            throw ProofHeaders.invalid("DPoP proof ath does not match the access token");
        }
    }

    /** The replay-store key of a proof: scoped to DPoP, the proof key and the target URL. */
    static String replayKey(String jkt, String uri, String jti) {
        return "dpop:" + jkt + ":" + Base64URL.encode(sha256(normalise(uri) + " " + jti));
    }

    /**
     * {@code scheme://host[:port]/path} with scheme and host lower-cased, a default port dropped
     * and an empty path made {@code /}; query and fragment dropped. {@code null} when not an
     * absolute http(s) URL.
     */
    static String normalise(String uri) {
        try {
            URI u = new URI(uri);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!("http".equals(scheme) || "https".equals(scheme)) || u.getHost() == null) {
                return null;
            }
            int port = u.getPort();
            boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80)
                    || ("https".equals(scheme) && port == 443);
            String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
            return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
