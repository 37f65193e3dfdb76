package dev.authplane.core.client;

import dev.authplane.core.error.OAuthException;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounds how many bcrypt checks run at once, so that a flood of wrong secrets occupies at most
 * {@code permits} cores and cannot starve the rest of the server. Waiters are served in arrival
 * order; one that gets no permit within {@code wait} is answered {@code temporarily_unavailable}
 * with a {@code Retry-After} of {@link #RETRY_AFTER}. Thread-safe.
 */
final class SecretCheckPool {

    static final String BUSY = "The authorization server is busy; retry later";

    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final Semaphore permits;
    private final int capacity;
    private final long waitNanos;

    SecretCheckPool(int permits, Duration wait) {
        if (permits < 1 || wait.isNegative()) {
            throw new IllegalArgumentException("at least one permit and a non-negative wait are required");
        }
        this.permits = new Semaphore(permits, true);
        this.capacity = permits;
        this.waitNanos = Objects.requireNonNull(wait, "wait").toNanos();
    }

    /** A pool that lets any number of checks run at once. */
    static SecretCheckPool unbounded() {
        return new SecretCheckPool(Integer.MAX_VALUE, Duration.ZERO);
    }

    /**
     * Runs {@code check} holding a permit.
     *
     * @throws OAuthException {@code temporarily_unavailable} when no permit came in time
     */
    <T> T run(Supplier<T> check) {
        if (!acquire()) {
            throw OAuthException.temporarilyUnavailable(BUSY, RETRY_AFTER);
        }
        try {
            return check.get();
        } finally {
            permits.release();
        }
    }

    /** Checks waiting for a permit now (an estimate, as the JDK's queue length is). */
    int waiting() {
        return permits.getQueueLength();
    }

    /** Checks holding a permit now. */
    int running() {
        return capacity - permits.availablePermits();
    }

    private boolean acquire() {
        try {
            return permits.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
