package dev.authplane.core.dpop;

import dev.authplane.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 9449 §8 server nonces: stateless HMAC over the time window. */
class DPoPNoncesTest {

    private final MutableClock clock = new MutableClock();
    private final DPoPNonces nonces = new DPoPNonces(key((byte) 1), clock, Duration.ofMinutes(5));

    @Test
    void nonceIsValidInItsWindowAndTheNextThenExpires() {
        String nonce = nonces.current();

        clock.advance(Duration.ofMinutes(5));
        assertThat(nonces.isValid(nonce)).isTrue();
        clock.advance(Duration.ofMinutes(5));
        assertThat(nonces.isValid(nonce)).isFalse();
    }

    @Test
    void nonceFromAnotherKeyIsInvalidAndSameKeyIsSharedAcrossNodes() {
        DPoPNonces otherKey = new DPoPNonces(key((byte) 2), clock, Duration.ofMinutes(5));
        DPoPNonces sameKey = new DPoPNonces(key((byte) 1), clock, Duration.ofMinutes(5));

        assertThat(nonces.isValid(otherKey.current())).isFalse();
        assertThat(nonces.isValid(sameKey.current())).isTrue();
    }

    @Test
    void garbageIsInvalidAndNonceIsUrlSafe() {
        assertThat(nonces.isValid(null)).isFalse();
        assertThat(nonces.isValid("")).isFalse();
        assertThat(nonces.isValid("!!!")).isFalse();
        assertThat(nonces.current()).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void shortKeyIsRefused() {
        assertThatThrownBy(() -> new DPoPNonces(new byte[16], clock, Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] key(byte fill) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, fill);
        return k;
    }
}
