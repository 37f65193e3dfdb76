package dev.authplane.mcp.verifier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;

/**
 * Checks a DPoP proof presented with a DPoP-bound access token (RFC 9449 §4.3 and §7.1): one
 * compact JWS, {@code typ dpop+jwt}, an allowed asymmetric {@code alg}, a public {@code jwk}
 * header whose signature verifies, {@code htm} equal to the method, {@code htu} equal to this
 * resource's public URL for the request path (both normalised), {@code iat} within the proof
 * lifetime, {@code ath} equal to the access token's hash, the key's thumbprint equal to the token's
 * {@code cnf.jkt}, and a {@code jti} not seen before. The replay check runs last, so an invalid
 * proof never fills the replay store. Thread-safe.
 */
final class DPoPProofVerifier {

    private static final JOSEObjectType DPOP_TYPE = new JOSEObjectType("dpop+jwt");
    private static final int MAX_JTI_LENGTH = 256;
    private static final int MIN_RSA_KEY_BITS = 2048;

    private final VerifierSettings settings;
    private final DPoPReplayCache replay;
    private final Clock clock;
    private final DefaultJWSVerifierFactory verifierFactory = new DefaultJWSVerifierFactory();

    DPoPProofVerifier(VerifierSettings settings, DPoPReplayCache replay, Clock clock) {
        this.settings = settings;
        this.replay = replay;
        this.clock = clock;
    }

    /**
     * @param proof       the single {@code DPoP} header value
     * @param accessToken the access token the proof must be bound to via {@code ath}
     * @param jkt         the token's {@code cnf.jkt}
     */
    void verify(String proof, String accessToken, String jkt, String method, String path)
            throws TokenRejectedException, VerificationUnavailableException {
        SignedJWT jwt = parse(proof);
        JWK key = checkHeaderAndSignature(jwt);
        JWTClaimsSet claims = claims(jwt);
        long now = clock.millis();
        checkClaims(claims, accessToken, method, path, now);
        if (!constantTimeEquals(thumbprint(key), jkt)) {
            throw TokenRejectedException.invalidProof("DPoP key thumbprint does not match cnf.jkt");
        }
        long expiresAt = claims.getIssueTime().getTime() + settings.dpopProofLifetime().toMillis() + settings.clockSkew().toMillis();
        switch (replay.firstUse(jkt + ' ' + claims.getJWTID(), expiresAt, now)) {
            case REPLAY -> throw TokenRejectedException.invalidProof("DPoP proof jti replayed");
            case FULL -> throw new VerificationUnavailableException("DPoP replay store is full");
            default -> { }
        }
    }

    private static SignedJWT parse(String proof) throws TokenRejectedException {
        try {
            return SignedJWT.parse(proof);
        } catch (ParseException e) {
            throw TokenRejectedException.invalidProof("DPoP proof is not a compact JWS");
        }
    }

    private JWK checkHeaderAndSignature(SignedJWT jwt) throws TokenRejectedException {
        JWSHeader header = jwt.getHeader();
        if (!DPOP_TYPE.equals(header.getType())) {
            throw TokenRejectedException.invalidProof("DPoP proof typ is not dpop+jwt");
        }
        JWSAlgorithm alg = header.getAlgorithm();
        JWK key = header.getJWK();
        if (!settings.dpopAlgorithms().contains(alg) || key == null || key.isPrivate() || !(key instanceof AsymmetricJWK)) {
            throw TokenRejectedException.invalidProof("DPoP proof alg or jwk not acceptable");
        }
        if (key instanceof RSAKey rsa && rsa.size() < MIN_RSA_KEY_BITS) {
            throw TokenRejectedException.invalidProof("DPoP proof RSA key too small");
        }
        try {
            JWSVerifier verifier = verifierFactory.createJWSVerifier(header, ((AsymmetricJWK) key).toPublicKey());
            if (!jwt.verify(verifier)) {
                throw TokenRejectedException.invalidProof("DPoP proof signature invalid");
            }
        } catch (JOSEException e) {
            throw TokenRejectedException.invalidProof("DPoP proof key does not fit its alg");
        }
        return key;
    }

    private static JWTClaimsSet claims(SignedJWT jwt) throws TokenRejectedException {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw TokenRejectedException.invalidProof("DPoP proof claims are not a JSON object");
        }
    }

    private void checkClaims(JWTClaimsSet claims, String accessToken, String method, String path, long now)
            throws TokenRejectedException {
        String jti = stringClaim(claims, "jti");
        if (jti == null || jti.isEmpty() || jti.length() > MAX_JTI_LENGTH) {
            throw TokenRejectedException.invalidProof("DPoP proof jti missing or too long");
        }
        if (!method.equals(stringClaim(claims, "htm"))) {
            throw TokenRejectedException.invalidProof("DPoP proof htm does not match the request method");
        }
        String htu = stringClaim(claims, "htu");
        String expected = Uris.normalizeHtu(settings.publicOrigin() + path);
        if (htu == null || expected == null || !expected.equals(Uris.normalizeHtu(htu))) {
            throw TokenRejectedException.invalidProof("DPoP proof htu does not match the request URL");
        }
        checkIssuedAt(claims, now);
        if (!constantTimeEquals(accessTokenHash(accessToken), stringClaim(claims, "ath"))) {
            throw TokenRejectedException.invalidProof("DPoP proof ath does not match the access token");
        }
    }

    private void checkIssuedAt(JWTClaimsSet claims, long now) throws TokenRejectedException {
        Date iat;
        try {
            iat = claims.getDateClaim("iat");
        } catch (ParseException e) {
            iat = null;
        }
        long skew = settings.clockSkew().toMillis();
        if (iat == null || iat.getTime() > now + skew
                || iat.getTime() < now - settings.dpopProofLifetime().toMillis() - skew) {
            throw TokenRejectedException.invalidProof("DPoP proof iat outside the accepted window");
        }
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof String s ? s : null;
    }

    /** RFC 9449 §4.2: base64url(SHA-256(ASCII(access token))). */
    static String accessTokenHash(String accessToken) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64URL.encode(hash).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static String thumbprint(JWK key) throws TokenRejectedException {
        try {
            return key.computeThumbprint("SHA-256").toString();
        } catch (JOSEException e) {
            throw TokenRejectedException.invalidProof("DPoP proof key thumbprint cannot be computed");
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
