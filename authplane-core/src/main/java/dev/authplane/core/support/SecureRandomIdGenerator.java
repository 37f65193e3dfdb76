package dev.authplane.core.support;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/** {@link IdGenerator} backed by a {@link SecureRandom}; the default everywhere. */
public final class SecureRandomIdGenerator implements IdGenerator {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random;

    /** Uses the platform's default strong-enough {@link SecureRandom}. */
    public SecureRandomIdGenerator() {
        this(new SecureRandom());
    }

    public SecureRandomIdGenerator(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public String newClientId() {
        return randomToken(16);
    }

    @Override
    public String newClientSecret() {
        return randomToken(32);
    }

    @Override
    public String newTokenId() {
        return randomToken(18);
    }

    @Override
    public String newKeyId() {
        return randomToken(12);
    }

    @Override
    public String newResourceId() {
        return "res_" + randomToken(12);
    }

    @Override
    public String randomToken(int bytes) {
        byte[] buf = new byte[bytes];
        random.nextBytes(buf);
        return BASE64URL.encodeToString(buf);
    }
}
