package dev.authplane.servlet;

import dev.authplane.core.support.FailureWindows;

import java.time.Clock;
import java.time.Duration;

/**
 * Failed admin-key checks per remote address (IPv6 per /64): {@value #LIMIT} within a minute
 * block that address for the rest of its window, so the admin key cannot be guessed at line rate.
 * An address that has not failed is never blocked. Thread-safe.
 */
final class AdminFailures {

    /** Failed checks one address may make per window. */
    static final int LIMIT = 10;

    static final Duration WINDOW = Duration.ofMinutes(1);

    private static final int MAX_TRACKED_ADDRESSES = 10_000;

    private final FailureWindows byAddress;

    AdminFailures(Clock clock) {
        this.byAddress = new FailureWindows(LIMIT, WINDOW, clock, MAX_TRACKED_ADDRESSES);
    }

    /** How long {@code remoteAddress} must wait before its key is checked again; zero when it need not. */
    Duration blockedFor(String remoteAddress) {
        return byAddress.blockedFor(FailureWindows.addressKey(remoteAddress));
    }

    void recordFailure(String remoteAddress) {
        byAddress.recordFailure(FailureWindows.addressKey(remoteAddress));
    }
}
