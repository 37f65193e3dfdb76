package dev.authplane.testsupport;

import java.time.Instant;

/** Fixed instants for storage tests, all at millisecond precision as the ports require. */
public final class TestTimes {

    /** A fixed point in time with a non-zero millisecond part. */
    public static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123Z");

    private TestTimes() {
    }

    /** {@link #T0} plus {@code seconds}. */
    public static Instant t0Plus(long seconds) {
        return T0.plusSeconds(seconds);
    }
}
