package dev.authplane.mcp.verifier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/** RFC 9449 §4.2 proofs made by hand, each part overridable. */
public final class TestDPoP {

    private final ECKey key;
    private JOSEObjectType type = new JOSEObjectType("dpop+jwt");
    private boolean includePrivateKey;
    private final JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();

    private TestDPoP(ECKey key, String htm, String htu, String accessToken, Instant iat) {
        this.key = key;
        claims.jwtID(UUID.randomUUID().toString()).claim("htm", htm).claim("htu", htu)
                .issueTime(Date.from(iat)).claim("ath", ath(accessToken));
    }

    public static TestDPoP proof(ECKey key, String htm, String htu, String accessToken, Instant iat) {
        return new TestDPoP(key, htm, htu, accessToken, iat);
    }

    public static String ath(String accessToken) {
        try {
            return Base64URL.encode(MessageDigest.getInstance("SHA-256")
                    .digest(accessToken.getBytes(StandardCharsets.US_ASCII))).toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public TestDPoP claim(String name, Object value) {
        claims.claim(name, value);
        return this;
    }

    public TestDPoP type(String typ) {
        this.type = new JOSEObjectType(typ);
        return this;
    }

    public TestDPoP withPrivateKeyInHeader() {
        this.includePrivateKey = true;
        return this;
    }

    public String sign() {
        try {
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(type).jwk(key.toPublicJWK()).build();
            if (includePrivateKey) {
                return signWithPrivateJwkHeader(header);
            }
            SignedJWT jwt = new SignedJWT(header, claims.build());
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** nimbus refuses to build such a header, so it is assembled by hand. */
    private String signWithPrivateJwkHeader(JWSHeader publicHeader) throws JOSEException {
        Map<String, Object> json = publicHeader.toJSONObject();
        json.put("jwk", key.toJSONObject());
        String signingInput = Base64URL.encode(JSONObjectUtils.toJSONString(json)) + "."
                + claims.build().toPayload().toBase64URL();
        Base64URL signature = new ECDSASigner(key).sign(publicHeader, signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + signature;
    }
}
