package dev.authplane.core.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
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
import dev.authplane.core.storage.StorageException;

import java.security.Provider;
import java.text.ParseException;

/** Generates key pairs and turns stored JWK JSON into signers and public JWKs. */
final class KeyMaterial {

    static final int RSA_BITS = 2048;

    private KeyMaterial() {
    }

    /** A new key pair as a private JWK JSON document (ES256 on P-256, or RS256 with 2048 bits). */
    static String generate(JWSAlgorithm algorithm, String kid) {
        try {
            JWK jwk;
            if (JWSAlgorithm.ES256.equals(algorithm)) {
                jwk = new ECKeyGenerator(Curve.P_256).keyID(kid).algorithm(algorithm).keyUse(KeyUse.SIGNATURE)
                        .generate();
            } else if (JWSAlgorithm.RS256.equals(algorithm)) {
                jwk = new RSAKeyGenerator(RSA_BITS).keyID(kid).algorithm(algorithm).keyUse(KeyUse.SIGNATURE)
                        .generate();
            } else {
                throw new IllegalArgumentException("unsupported signing algorithm " + algorithm);
            }
            return jwk.toJSONString();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate a " + algorithm + " key", e);
        }
    }

    /** The signer for a stored key, computing with {@code provider} ({@code null}: the JDK's providers). */
    static ActiveKey activeKey(SigningKey key, Provider provider) {
        JWK jwk = parse(key);
        try {
            JWSSigner signer = switch (jwk.getKeyType().getValue()) {
                case "EC" -> new ECDSASigner(jwk.toECKey());
                case "RSA" -> new RSASSASigner(jwk.toRSAKey());
                default -> throw new StorageException("signing key " + key.kid() + " has an unsupported key type");
            };
            signer.getJCAContext().setProvider(provider);
            return new ActiveKey(key.kid(), JWSAlgorithm.parse(key.algorithm()), signer);
        } catch (JOSEException e) {
            throw new StorageException("signing key " + key.kid() + " cannot sign", e);
        }
    }

    /** The public half of a stored key carrying only key parameters, {@code kid}, {@code alg} and {@code use=sig}. */
    static JWK publicJwk(SigningKey key) {
        JWK jwk = parse(key);
        JWSAlgorithm alg = JWSAlgorithm.parse(key.algorithm());
        if (jwk instanceof ECKey ec) {
            return new ECKey.Builder(ec.getCurve(), ec.getX(), ec.getY())
                    .keyID(key.kid()).algorithm(alg).keyUse(KeyUse.SIGNATURE).build();
        }
        if (jwk instanceof RSAKey rsa) {
            return new RSAKey.Builder(rsa.getModulus(), rsa.getPublicExponent())
                    .keyID(key.kid()).algorithm(alg).keyUse(KeyUse.SIGNATURE).build();
        }
        throw new StorageException("signing key " + key.kid() + " has an unsupported key type");
    }

    private static JWK parse(SigningKey key) {
        try {
            JWK jwk = JWK.parse(key.privateJwkJson());
            if (!jwk.isPrivate()) {
                throw new StorageException("signing key " + key.kid() + " has no private part");
            }
            return jwk;
        } catch (ParseException e) {
            throw new StorageException("signing key " + key.kid() + " is not a valid JWK");
        }
    }
}
