package dev.authplane.dpop;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Builds DPoP proofs for tests, including malformed ones: the header and claims are plain maps
 * serialised by hand, so a test can put anything in them (a private {@code jwk}, an HMAC
 * {@code alg}, a wrong {@code typ}).
 */
public final class TestDPoPProofs {

    private TestDPoPProofs() {
    }

    /** A fresh P-256 key pair. */
    public static ECKey ecKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh 2048-bit RSA key pair. */
    public static RSAKey rsaKey() {
        try {
            return new RSAKeyGenerator(2048).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid ES256 proof builder for {@code POST htu} issued at {@code iat}, with a random jti. */
    public static Proof proof(ECKey key, String htu, Instant iat) {
        return new Proof(key, htu, iat);
    }

    /** A valid ES256 proof for {@code htm htu} at a protected resource, carrying {@code ath} for {@code accessToken}. */
    public static Proof forResource(ECKey key, String htm, String htu, String accessToken, Instant iat) {
        return new Proof(key, htu, iat).claim("htm", htm).claim("ath", ath(accessToken));
    }

    /** RFC 9449 §4.2: base64url(SHA-256(ASCII(access token))). */
    public static String ath(String accessToken) {
        try {
            return Base64URL.encode(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(accessToken.getBytes(java.nio.charset.StandardCharsets.US_ASCII))).toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A mutable proof: change header or claims, then {@link #sign()}. The compact JWS is assembled
     * by hand (nimbus's builders refuse the malformed proofs tests must send: a private {@code jwk},
     * a bad {@code typ} or {@code alg}); the signature uses the signer's own algorithm, whatever
     * the {@code alg} header says.
     */
    public static final class Proof {
        private final JWK key;
        private JWSSigner signer;
        private JWSAlgorithm signingAlgorithm = JWSAlgorithm.ES256;
        private final Map<String, Object> header = new LinkedHashMap<>();
        private final Map<String, Object> claims = new LinkedHashMap<>();

        private Proof(JWK key, String htu, Instant iat) {
            this.key = key;
            header.put("typ", "dpop+jwt");
            header.put("alg", "ES256");
            header.put("jwk", key.toPublicJWK().toJSONObject());
            claims.put("jti", UUID.randomUUID().toString());
            claims.put("htm", "POST");
            claims.put("htu", htu);
            claims.put("iat", iat.getEpochSecond());
        }

        /** Sets (or with {@code null} removes) a header member. */
        public Proof header(String name, Object value) {
            put(header, name, value);
            return this;
        }

        /** Sets (or with {@code null} removes) a claim. */
        public Proof claim(String name, Object value) {
            put(claims, name, value);
            return this;
        }

        /** Sets {@code iat}. */
        public Proof iat(Instant iat) {
            return claim("iat", iat.getEpochSecond());
        }

        /** Signs with RS256/PS256 using {@code rsa} and puts its public key in the header. */
        public Proof rsa(RSAKey rsa, String alg) {
            header.put("jwk", rsa.toPublicJWK().toJSONObject());
            return signedWith(rsaSigner(rsa), JWSAlgorithm.parse(alg));
        }

        /** Signs with {@code otherSigner} under {@code algorithm}; the {@code alg} header is set to match. */
        public Proof signedWith(JWSSigner otherSigner, JWSAlgorithm algorithm) {
            this.signer = otherSigner;
            this.signingAlgorithm = algorithm;
            header.put("alg", algorithm.getName());
            return this;
        }

        /** Puts the whole key, private members included, into the {@code jwk} header. */
        public Proof withPrivateKeyInHeader() {
            header.put("jwk", key.toJSONObject());
            return this;
        }

        /** The compact serialization. */
        public String sign() {
            try {
                String signingInput = encode(header) + "." + encode(claims);
                JWSSigner s = signer != null ? signer : new ECDSASigner(key.toECKey());
                JWSHeader algOnly = new JWSHeader(signingAlgorithm);
                Base64URL signature = s.sign(algOnly, signingInput.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                return signingInput + "." + signature;
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String encode(Map<String, Object> json) {
            return Base64URL.encode(JSONObjectUtils.toJSONString(json)).toString();
        }

        private static void put(Map<String, Object> map, String name, Object value) {
            if (value == null) {
                map.remove(name);
            } else {
                map.put(name, value);
            }
        }

        private static JWSSigner rsaSigner(RSAKey rsa) {
            try {
                return new RSASSASigner(rsa);
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
