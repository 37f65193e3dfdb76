package dev.authplane.examples.worker;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;

/**
 * Signs a fresh client assertion for each token request ({@code private_key_jwt}, RFC 7523 §2.2):
 * {@code iss} = {@code sub} = the client, {@code aud} the authorization server's issuer identifier
 * (rfc7523bis), a 60-second lifetime, a random {@code jti}, typed {@code client-authentication+jwt},
 * with the key's {@code kid}. ES256 for a P-256 key, RS256 for an RSA key. Thread-safe.
 */
public final class ClientAssertionSigner {

    /** How long each assertion is valid. */
    public static final Duration LIFETIME = Duration.ofSeconds(60);

    private final String clientId;
    private final String audience;
    private final String kid;
    private final JWSSigner signer;
    private final JWSAlgorithm algorithm;
    private final Clock clock;

    /**
     * @param key      the client's private key (EC P-256 or RSA) and the id it is registered under
     * @param audience the authorization server's issuer identifier
     */
    public ClientAssertionSigner(String clientId, SigningKey key, String audience, Clock clock) {
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.kid = Objects.requireNonNull(key, "key").kid();
        this.audience = Objects.requireNonNull(audience, "audience");
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            if (key.privateKey() instanceof ECPrivateKey ec && ec.getParams().getCurve().getField().getFieldSize() == 256) {
                this.signer = new ECDSASigner(ec);
                this.algorithm = JWSAlgorithm.ES256;
            } else if (key.privateKey() instanceof RSAPrivateKey) {
                this.signer = new RSASSASigner(key.privateKey());
                this.algorithm = JWSAlgorithm.RS256;
            } else {
                throw new IllegalArgumentException("the private key must be EC P-256 or RSA");
            }
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the private key cannot sign: " + e.getMessage(), e);
        }
    }

    /** A private key and the {@code kid} the client registered its public half under. */
    public record SigningKey(PrivateKey privateKey, String kid) {
    }

    /**
     * Reads a private key from {@code file}: a private JWK (as {@code authserver admin keygen} writes
     * it, with its {@code kid}) or an unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----},
     * e.g. {@code openssl genpkey}), which needs {@code kid}.
     *
     * @param kid the key id, or {@code null} to take the JWK's own
     * @throws IllegalArgumentException with a one-line reason
     */
    public static SigningKey readKey(Path file, String kid) {
        String text;
        try {
            text = Files.readString(file).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the private key " + file + ": " + e.getMessage());
        }
        try {
            if (text.startsWith("{")) {
                JWK jwk = JWK.parse(text);
                if (!jwk.isPrivate()) {
                    throw new IllegalArgumentException(file + " holds a public key; give the private JWK");
                }
                PrivateKey key = jwk instanceof ECKey ec ? ec.toPrivateKey() : jwk.toRSAKey().toPrivateKey();
                return new SigningKey(key, kid != null ? kid : requireKid(jwk.getKeyID(), file));
            }
            return new SigningKey(pkcs8(text), requireKid(kid, file));
        } catch (ParseException | JOSEException | GeneralSecurityException | RuntimeException e) {
            if (e instanceof IllegalArgumentException known && known.getMessage() != null
                    && known.getMessage().contains(file.toString())) {
                throw known;
            }
            throw new IllegalArgumentException(file + " is neither a private JWK nor an unencrypted PKCS#8 PEM"
                    + " private key (EC P-256 or RSA)");
        }
    }

    private static PrivateKey pkcs8(String pem) throws GeneralSecurityException {
        String begin = "-----BEGIN PRIVATE KEY-----";
        String end = "-----END PRIVATE KEY-----";
        if (!pem.startsWith(begin) || !pem.contains(end)) {
            throw new InvalidKeySpecException("not a PKCS#8 PEM");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin.length(), pem.indexOf(end)));
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        try {
            return KeyFactory.getInstance("EC").generatePrivate(spec);
        } catch (InvalidKeySpecException notEc) {
            return KeyFactory.getInstance("RSA").generatePrivate(spec);
        }
    }

    private static String requireKid(String kid, Path file) {
        if (kid == null || kid.isBlank()) {
            throw new IllegalArgumentException("the key in " + file + " has no kid: give --key-id, the kid its"
                    + " public key is registered under");
        }
        return kid;
    }

    /** A new assertion, valid for {@link #LIFETIME}. */
    public String sign() {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(audience)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(kid)
                .type(new JOSEObjectType("client-authentication+jwt")).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new TokenRequestException("cannot sign the client assertion: " + e.getMessage());
        }
        return jwt.serialize();
    }
}
