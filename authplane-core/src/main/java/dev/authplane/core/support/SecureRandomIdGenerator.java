package dev.authplane.core.support;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;

/**
 * {@link IdGenerator} backed by a {@link SecureRandom}; the default everywhere.
 *
 * <p>Token ids are time-ordered: 48 bits of the current time in milliseconds, then 144 random bits,
 * written with the 64 unreserved characters in ASCII order ({@code -0-9A-Z_a-z}), 32 characters in
 * all. Ids issued one after another therefore sort next to each other, and the issuance table's
 * unique index on {@code jti} grows at one end instead of at a random leaf per row, which halves
 * the cost of an issuance commit on H2. Uniqueness and unpredictability rest on the random part
 * alone; the time part says only what the token's {@code iat} already says.
 */
public final class SecureRandomIdGenerator implements IdGenerator {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** The 64 unreserved characters of base64url, in ASCII order, so that encoded ids sort as their bytes do. */
    private static final char[] SORTABLE = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
            .toCharArray();
    private static final int TOKEN_ID_TIME_BYTES = 6;
    private static final int TOKEN_ID_RANDOM_BYTES = 18;

    private final SecureRandom random;
    private final Clock clock;

    /** Uses the platform's default strong-enough {@link SecureRandom} and the system clock. */
    public SecureRandomIdGenerator() {
        this(new SecureRandom(), Clock.systemUTC());
    }

    /** Uses {@code random} and the system clock. */
    public SecureRandomIdGenerator(SecureRandom random) {
        this(random, Clock.systemUTC());
    }

    /**
     * @param random source of every random bit
     * @param clock  time of issue that leads token ids (order only; never a security input)
     */
    public SecureRandomIdGenerator(SecureRandom random, Clock clock) {
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
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
        byte[] id = new byte[TOKEN_ID_TIME_BYTES + TOKEN_ID_RANDOM_BYTES];
        long millis = clock.millis();
        for (int i = TOKEN_ID_TIME_BYTES - 1; i >= 0; i--) {
            id[i] = (byte) millis;
            millis >>>= 8;
        }
        byte[] random = new byte[TOKEN_ID_RANDOM_BYTES];
        this.random.nextBytes(random);
        System.arraycopy(random, 0, id, TOKEN_ID_TIME_BYTES, TOKEN_ID_RANDOM_BYTES);
        return sortable(id);
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

    /** Encodes {@code bytes} (a multiple of 3 long) six bits per character, most significant first. */
    private static String sortable(byte[] bytes) {
        char[] out = new char[bytes.length / 3 * 4];
        for (int i = 0, o = 0; i < bytes.length; i += 3) {
            int group = (bytes[i] & 0xff) << 16 | (bytes[i + 1] & 0xff) << 8 | (bytes[i + 2] & 0xff);
            out[o++] = SORTABLE[group >>> 18];
            out[o++] = SORTABLE[group >>> 12 & 0x3f];
            out[o++] = SORTABLE[group >>> 6 & 0x3f];
            out[o++] = SORTABLE[group & 0x3f];
        }
        return new String(out);
    }
}
