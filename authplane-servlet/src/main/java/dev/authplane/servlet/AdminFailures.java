package dev.authplane.servlet;

import dev.authplane.core.support.FailureWindows;

import java.time.Clock;
import java.time.Duration;

/**
 * Failed admin-key checks per remote address (IPv6 per /64): {@value #DEFAULT_LIMIT} (by default)
 * within a minute block that address for the rest of its window, so the admin key cannot be guessed at line rate.
 * An address that has not failed is never blocked. Thread-safe.
 */
final class AdminFailures {

    /** Failed checks one address may make per window, unless configured otherwise. */
    static final int DEFAULT_LIMIT = 10;

    static final Duration WINDOW = Duration.ofMinutes(1);

    private static final int MAX_TRACKED_ADDRESSES = 10_000;

    private final FailureWindows byAddress;

    /** @param limit failed checks per address and window; 0 blocks nothing */
    AdminFailures(int limit, Clock clock) {
        if (limit < 0) {
            throw new IllegalArgumentException("the failed admin key check limit must not be negative");
        }
        this.byAddress = new FailureWindows(limit, WINDOW, clock, MAX_TRACKED_ADDRESSES);
    }

    /** How long {@code remoteAddress} must wait before its key is checked again; zero when it need not. */
    Duration blockedFor(String remoteAddress) {
        return byAddress.blockedFor(FailureWindows.addressKey(remoteAddress));
    }

    void recordFailure(String remoteAddress) {
        byAddress.recordFailure(FailureWindows.addressKey(remoteAddress));
    }
}
