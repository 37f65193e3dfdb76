package dev.authplane.dpop;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Checks on a DPoP proof's claims that need no state: {@code jti}, {@code htm}, {@code htu}, {@code ath}. */
final class ProofClaims {

    private static final int MAX_JTI_LENGTH = 256;

    private ProofClaims() {
    }

    static String jti(JWTClaimsSet claims) throws DPoPProofException {
        if (!(claims.getClaim("jti") instanceof String jti) || jti.isEmpty() || jti.length() > MAX_JTI_LENGTH) {
            throw DPoPProofException.invalid(DPoPProofException.Reason.MALFORMED, "DPoP proof has no valid jti");
        }
        return jti;
    }

    static void checkRequest(JWTClaimsSet claims, DPoPCheck check) throws DPoPProofException {
        if (!check.method().equals(claims.getClaim("htm"))) {
            throw DPoPProofException.invalid(DPoPProofException.Reason.MISMATCH, "DPoP proof htm does not match the request method");
        }
        String expected = Htu.normalize(check.uri());
        if (expected == null || !(claims.getClaim("htu") instanceof String htu) || !expected.equals(Htu.normalize(htu))) {
            throw DPoPProofException.invalid(DPoPProofException.Reason.MISMATCH, "DPoP proof htu does not match the request URL");
        }
    }

    /** RFC 9449 §4.3 step 11 / §7.1: {@code ath} exactly when an access token is presented. */
    static void checkAth(JWTClaimsSet claims, String accessToken) throws DPoPProofException {
        Object ath = claims.getClaim("ath");
        if (accessToken == null) {
            if (ath != null) {
                throw DPoPProofException.invalid(DPoPProofException.Reason.MISMATCH, "DPoP proof must not contain ath at the token endpoint");
            }
            return;
        }
        if (!(ath instanceof String s) || !constantTimeEquals(accessTokenHash(accessToken), s)) {
            throw DPoPProofException.invalid(DPoPProofException.Reason.MISMATCH, "DPoP proof ath does not match the access token");
        }
    }

    /** RFC 9449 §4.2: base64url(SHA-256(ASCII(access token))). */
    static String accessTokenHash(String accessToken) {
        return Base64URL.encode(sha256(accessToken.getBytes(StandardCharsets.US_ASCII))).toString();
    }

    /**
     * The replay-store key of a proof: scoped to DPoP, the proof key and the target URL, with the
     * {@code jti} hashed, so every key has the same 92 characters whatever the proof carries.
     */
    static String replayKey(String jkt, String uri, String jti) {
        return "dpop:" + jkt + ":" + Base64URL.encode(sha256((Htu.normalize(uri) + " " + jti).getBytes(StandardCharsets.UTF_8)));
    }

    static boolean constantTimeEquals(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
