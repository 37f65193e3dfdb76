package dev.authplane.core.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.authplane.testsupport.TestTimes;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Signing-key fixtures: real ES256 key pairs (P-256 JWKs with private members), each with a fresh
 * {@code kid}.
 */
public final class TestSigningKeys {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private TestSigningKeys() {
    }

    /** A new active ES256 key created at {@link TestTimes#T0}. */
    public static SigningKey active() {
        return active(TestTimes.T0);
    }

    /** A new active ES256 key created at {@code createdAt}. */
    public static SigningKey active(Instant createdAt) {
        String kid = String.format("kid-%06d", SEQUENCE.incrementAndGet());
        return SigningKey.active(kid, "ES256", privateJwk(kid), createdAt);
    }

    /** A P-256 private JWK JSON document with the given kid. */
    public static String privateJwk(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate().toJSONString();
        } catch (JOSEException e) {
            throw new IllegalStateException("EC key generation failed", e);
        }
    }
}
