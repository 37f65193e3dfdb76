package dev.authplane.core.client;

import dev.authplane.core.support.IdGenerator;
import org.springframework.security.crypto.bcrypt.BCrypt;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Hashes and verifies client secrets with bcrypt (spring-security-crypto's {@link BCrypt}; its
 * password encoder is not used because it needs commons-logging), at the cost given by
 * {@code security.bcrypt_cost}. Verification compares in constant time.
 *
 * <p>bcrypt reads at most 72 bytes of input. Generated secrets are 43 characters; a presented
 * secret longer than 72 UTF-8 bytes cannot be one of them, so it is answered {@code false} after
 * the same amount of work as any other check. {@link #matchesNothing(String)} verifies against a
 * hash of a random value made at construction with the configured cost, so that checking an
 * unknown client costs what checking a known one does. Thread-safe.
 */
public final class ClientSecretHasher implements SecretVerifier {

    /** bcrypt's input limit in bytes. */
    public static final int MAX_SECRET_BYTES = 72;

    private final int cost;
    private final String dummyHash;
    private final String dummySecret;

    /**
     * @param cost bcrypt cost (log2 rounds), 4 to 31
     * @param ids  source of the random value behind the dummy hash
     */
    public ClientSecretHasher(int cost, IdGenerator ids) {
        if (cost < 4 || cost > 31) {
            throw new IllegalArgumentException("bcrypt cost must be 4-31");
        }
        this.cost = cost;
        this.dummySecret = Objects.requireNonNull(ids, "ids").randomToken(32);
        this.dummyHash = BCrypt.hashpw(dummySecret, BCrypt.gensalt(cost));
    }

    /**
     * @return the bcrypt hash of {@code secret}, to hand to a {@link ClientRepository}
     * @throws IllegalArgumentException when {@code secret} is longer than {@value #MAX_SECRET_BYTES} bytes
     */
    public String hash(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (tooLong(secret)) {
            throw new IllegalArgumentException("a client secret may be at most " + MAX_SECRET_BYTES + " bytes");
        }
        return BCrypt.hashpw(secret, BCrypt.gensalt(cost));
    }

    @Override
    public boolean matches(String presentedSecret, String storedHash) {
        if (presentedSecret == null || storedHash == null || tooLong(presentedSecret)) {
            return matchesNothing(presentedSecret);
        }
        try {
            return BCrypt.checkpw(presentedSecret, storedHash);
        } catch (IllegalArgumentException e) {
            return matchesNothing(presentedSecret);
        }
    }

    @Override
    public boolean matchesNothing(String presentedSecret) {
        String probe = presentedSecret == null || tooLong(presentedSecret) ? dummySecret + "!" : presentedSecret;
        BCrypt.checkpw(probe, dummyHash);
        return false;
    }

    private static boolean tooLong(String secret) {
        return secret.length() > MAX_SECRET_BYTES
                || secret.getBytes(StandardCharsets.UTF_8).length > MAX_SECRET_BYTES;
    }
}
