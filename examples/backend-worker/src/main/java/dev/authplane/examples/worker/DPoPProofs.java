package dev.authplane.examples.worker;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Date;
import java.util.Objects;

/**
 * DPoP proofs (RFC 9449 §4) from one ES256 key pair generated for this worker's lifetime: for the
 * token request (binding the token to the key, {@code cnf.jkt}) and for every request to the MCP
 * server ({@code ath} = hash of the access token). The private key never leaves this object.
 *
 * <p>Thread-safe.
 */
public final class DPoPProofs {

    private static final JOSEObjectType DPOP_JWT = new JOSEObjectType("dpop+jwt");

    private final ECKey key;
    private final ECDSASigner signer;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public DPoPProofs(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            this.key = new ECKeyGenerator(Curve.P_256).generate();
            this.signer = new ECDSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot create a P-256 key for DPoP", e);
        }
    }

    /** The RFC 7638 thumbprint of the proof key: what a bound token carries as {@code cnf.jkt}. */
    public String thumbprint() {
        try {
            return key.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot compute the JWK thumbprint", e);
        }
    }

    /**
     * A proof for one HTTP request.
     *
     * @param method      the request method, e.g. {@code POST}
     * @param uri         the request URL; query and fragment are left out of {@code htu}
     * @param accessToken the DPoP-bound token sent with the request, or {@code null} at the token endpoint
     * @param nonce       a server-provided nonce, or {@code null}
     */
    public String proof(String method, URI uri, String accessToken, String nonce) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .jwtID(randomId())
                .claim("htm", method)
                .claim("htu", htu(uri))
                .issueTime(Date.from(clock.instant()));
        if (accessToken != null) {
            claims.claim("ath", Base64URL.encode(sha256(accessToken)).toString());
        }
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(DPOP_JWT).jwk(key.toPublicJWK()).build();
        SignedJWT jwt = new SignedJWT(header, claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a DPoP proof", e);
        }
        return jwt.serialize();
    }

    static String htu(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getScheme() + "://" + uri.getRawAuthority() + path;
    }

    private String randomId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64URL.encode(bytes).toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
