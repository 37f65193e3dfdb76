package dev.authplane.core.dpop;

import dev.authplane.core.support.IdGenerator;
import dev.authplane.dpop.ServerNonces;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless server nonces for DPoP (RFC 9449 §8). A nonce is the number of the current time window
 * followed by a truncated HMAC-SHA256 over it, base64url-encoded; nothing is stored. A nonce is
 * accepted during its own window and the next one, so it lives between one and two windows.
 *
 * <p>With a per-process key ({@link #withRandomKey(IdGenerator, Clock)}) each node issues its own
 * nonces and a client behind a load balancer may be asked for a fresh one when it reaches another
 * node; nodes that share a configured key ({@link #DPoPNonces(byte[], Clock, Duration)}) accept
 * each other's nonces. Thread-safe.
 */
public final class DPoPNonces implements ServerNonces {

    /** The default window length. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

    private static final String HMAC = "HmacSHA256";
    private static final int MAC_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final Clock clock;
    private final long windowMillis;

    /**
     * @param key    HMAC key, at least 32 bytes; copied
     * @param clock  time source
     * @param window window length, at least one second
     */
    public DPoPNonces(byte[] key, Clock clock, Duration window) {
        Objects.requireNonNull(key, "key");
        if (key.length < 32) {
            throw new IllegalArgumentException("the DPoP nonce key must have at least 32 bytes");
        }
        this.key = new SecretKeySpec(Arrays.copyOf(key, key.length), HMAC);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.windowMillis = Objects.requireNonNull(window, "window").toMillis();
        if (windowMillis < 1000) {
            throw new IllegalArgumentException("the DPoP nonce window must be at least one second");
        }
    }

    /** Nonces keyed by a random per-process key, with the {@link #DEFAULT_WINDOW}. */
    public static DPoPNonces withRandomKey(IdGenerator ids, Clock clock) {
        return new DPoPNonces(Base64.getUrlDecoder().decode(ids.randomToken(32)), clock, DEFAULT_WINDOW);
    }

    /** A nonce for the current window. */
    @Override
    public String current() {
        return encode(window());
    }

    /** True when {@code nonce} was issued by a holder of the same key in this window or the previous one. */
    @Override
    public boolean isValid(String nonce) {
        if (nonce == null || nonce.length() > 64) {
            return false;
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (raw.length != Long.BYTES + MAC_BYTES) {
            return false;
        }
        long window = ByteBuffer.wrap(raw).getLong();
        long now = window();
        if (window != now && window != now - 1) {
            return false;
        }
        return MessageDigest.isEqual(Arrays.copyOfRange(raw, Long.BYTES, raw.length), mac(window));
    }

    private long window() {
        return Math.floorDiv(clock.millis(), windowMillis);
    }

    private String encode(long window) {
        return ENCODER.encodeToString(ByteBuffer.allocate(Long.BYTES + MAC_BYTES).putLong(window)
                .put(mac(window)).array());
    }

    private byte[] mac(long window) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            mac.update("authplane-dpop-nonce".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return Arrays.copyOf(mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(window).array()), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
