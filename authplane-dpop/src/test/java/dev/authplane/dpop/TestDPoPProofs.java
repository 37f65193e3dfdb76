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

    /** A mutable proof: change header or claims, then {@link #sign()}. */
    public static final class Proof {
        private final JWK key;
        private JWSSigner signer;
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

        /** Signs with RS256/PS256 using {@code rsa} and puts its public key in the header. */
        public Proof rsa(RSAKey rsa, String alg) {
            header.put("alg", alg);
            header.put("jwk", rsa.toPublicJWK().toJSONObject());
            this.signer = rsaSigner(rsa);
            return this;
        }

        /** Signs with this explicit signer (its algorithm is taken from the {@code alg} header). */
        public Proof signer(JWSSigner signer) {
            this.signer = signer;
            return this;
        }

        /** The compact serialization. */
        public String sign() {
            try {
                String signingInput = encode(header) + "." + encode(claims);
                JWSSigner s = signer != null ? signer : new ECDSASigner(key.toECKey());
                JWSHeader algOnly = new JWSHeader(JWSAlgorithm.parse((String) header.get("alg")));
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
