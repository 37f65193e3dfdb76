package dev.authplane.mcp.verifier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/** Access tokens in the RFC 9068 §2 shape, minted with nimbus, and the keys that sign them. */
public final class TestTokens {

    public static final ECKey EC_KEY = ecKey("ec-1");
    public static final RSAKey RSA_KEY = rsaKey("rsa-1");

    private TestTokens() {
    }

    public static ECKey ecKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RSAKey rsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A RFC 9068 §2 token: ES256, typ at+jwt, iss, sub = client_id, aud, scope, iat = nbf = now, exp = now + 1h, jti. */
    public static Spec token(String issuer, String resource, Clock clock) {
        return new Spec(EC_KEY, issuer, resource, clock.instant());
    }

    /** Fluent token description; every default can be changed or removed. */
    public static final class Spec {
        private JWK key;
        private JWSHeader.Builder header;
        private final JWTClaimsSet.Builder claims;

        Spec(JWK key, String issuer, String resource, Instant now) {
            this.key = key;
            this.header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt")).keyID(key.getKeyID());
            this.claims = new JWTClaimsSet.Builder()
                    .issuer(issuer).subject("worker-1").claim("client_id", "worker-1").audience(resource)
                    .claim("scope", "tools/query tools/list")
                    .issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                    .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                    .jwtID(UUID.randomUUID().toString());
        }

        public Spec signedWith(JWK signingKey) {
            this.key = signingKey;
            JWSAlgorithm alg = signingKey instanceof RSAKey ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256;
            this.header = new JWSHeader.Builder(alg).type(header.build().getType()).keyID(signingKey.getKeyID());
            return this;
        }

        public Spec claim(String name, Object value) {
            claims.claim(name, value);
            return this;
        }

        public Spec without(String name) {
            claims.claim(name, null);
            return this;
        }

        public Spec scope(String scope) {
            return claim("scope", scope);
        }

        public Spec audience(Object aud) {
            return claim("aud", aud);
        }

        public Spec issuedAt(Instant iat) {
            return claim("iat", Date.from(iat));
        }

        public Spec notBefore(Instant nbf) {
            return claim("nbf", Date.from(nbf));
        }

        public Spec expiresAt(Instant exp) {
            return claim("exp", Date.from(exp));
        }

        public Spec boundTo(JWK dpopKey) {
            try {
                return claim("cnf", Map.of("jkt", dpopKey.computeThumbprint().toString()));
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        public Spec type(String typ) {
            header = new JWSHeader.Builder(header.build()).type(typ == null ? null : new JOSEObjectType(typ));
            return this;
        }

        public Spec keyId(String kid) {
            header = new JWSHeader.Builder(header.build()).keyID(kid);
            return this;
        }

        public String sign() {
            try {
                SignedJWT jwt = new SignedJWT(header.build(), claims.build());
                JWSSigner signer = key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key);
                jwt.sign(signer);
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Unsigned header.payload, for hand-made forgeries. */
        public String unsignedParts(String headerJson) {
            return Base64URL.encode(headerJson) + "." + claims.build().toPayload().toBase64URL();
        }
    }
}
