package dev.authplane.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Signs {@code private_key_jwt} client assertions (RFC 7523) for tests: a correct one by default
 * ({@code iss} = {@code sub} = the client, {@code aud} the issuer, {@code iat} now, {@code exp} in
 * 60 s, a fresh {@code jti}, the key's {@code kid} and its natural algorithm), and every part
 * replaceable to build the violating variants.
 */
public final class ClientAssertionBuilder {

    private final JWK key;
    private JWSHeader.Builder header;
    private final JWTClaimsSet.Builder claims;

    private ClientAssertionBuilder(JWK key, String clientId, String audience, Instant now) {
        this.key = key;
        this.header = new JWSHeader.Builder(naturalAlgorithm(key)).keyID(key.getKeyID());
        this.claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(audience)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofSeconds(60))))
                .jwtID(UUID.randomUUID().toString());
    }

    /** A correct assertion for {@code clientId}, signed with the private {@code key}, for {@code audience}. */
    public static ClientAssertionBuilder assertion(JWK key, String clientId, String audience, Instant now) {
        return new ClientAssertionBuilder(key, clientId, audience, now);
    }

    /** Changes the header (start from the default one). */
    public ClientAssertionBuilder header(UnaryOperator<JWSHeader.Builder> edit) {
        this.header = edit.apply(header);
        return this;
    }

    /** Replaces the header by one with {@code alg}, keeping the {@code kid}. */
    public ClientAssertionBuilder algorithm(JWSAlgorithm alg) {
        this.header = new JWSHeader.Builder(alg).keyID(key.getKeyID());
        return this;
    }

    /** Changes the claims. */
    public ClientAssertionBuilder claims(UnaryOperator<JWTClaimsSet.Builder> edit) {
        edit.apply(claims);
        return this;
    }

    /** The compact serialization. */
    public String sign() {
        JWSHeader built = header.build();
        SignedJWT jwt = new SignedJWT(built, claims.build());
        try {
            jwt.sign(signer(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a test assertion with " + built.getAlgorithm(), e);
        }
        return jwt.serialize();
    }

    /** A new P-256 key with {@code kid}. */
    public static ECKey newEcKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new 2048-bit RSA key with {@code kid}. */
    public static RSAKey newRsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public JWK Set of {@code keys} as JSON, what a client registers. */
    public static String publicJwks(JWK... keys) {
        return new JWKSet(Arrays.asList(keys)).toString(true);
    }

    private static JWSAlgorithm naturalAlgorithm(JWK key) {
        return key instanceof ECKey ec && ec.getCurve().equals(Curve.P_384) ? JWSAlgorithm.ES384
                : key instanceof ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256;
    }

    private static JWSSigner signer(JWK key) throws JOSEException {
        return key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
    }
}
