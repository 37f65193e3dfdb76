package dev.authplane.servlet;

import dev.authplane.core.AuthPlane;
import dev.authplane.core.Health;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * {@link AuthPlane#health()} with a bound: a storage read that hangs (a database gone away, a pool
 * waiting for a connection) answers "timeout" after {@link #BOUND} instead of holding the caller.
 * At most one probe runs at a time, on its own daemon thread; callers that arrive while it runs
 * wait for the same result, so a hanging database never piles up probe threads. Thread-safe.
 */
final class ReadinessProbe {

    /** Longest wait for storage before readiness answers 503. */
    static final Duration BOUND = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(ReadinessProbe.class);

    /** What each check found: {@code up}, {@code down}, {@code timeout} or {@code unknown}. */
    record Result(String storage, String signingKey) {
        boolean up() {
            return "up".equals(storage) && "up".equals(signingKey);
        }
    }

    private final Supplier<Health> health;
    private final Duration bound;
    private final AtomicReference<CompletableFuture<Health>> inFlight = new AtomicReference<>();

    ReadinessProbe(Supplier<Health> health, Duration bound) {
        this.health = Objects.requireNonNull(health, "health");
        this.bound = Objects.requireNonNull(bound, "bound");
    }

    Result check() {
        CompletableFuture<Health> probe = currentProbe();
        try {
            Health h = probe.get(bound.toNanos(), TimeUnit.NANOSECONDS);
            if (!h.up()) {
                LOG.warn("readiness: {}", h.detail());
            }
            return new Result(h.storageUp() ? "up" : "down", !h.storageUp() ? "unknown" : h.signingKeyUp() ? "up" : "down");
        } catch (TimeoutException e) {
            LOG.warn("readiness: storage did not answer within {} ms", bound.toMillis());
            return new Result("timeout", "unknown");
        } catch (ExecutionException e) {
            LOG.warn("readiness: the probe failed ({})", e.getCause().getClass().getSimpleName());
            return new Result("down", "unknown");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result("unknown", "unknown");
        }
    }

    /** The probe running now, or a new one when none is. */
    private CompletableFuture<Health> currentProbe() {
        while (true) {
            CompletableFuture<Health> running = inFlight.get();
            if (running != null && !running.isDone()) {
                return running;
            }
            CompletableFuture<Health> next = new CompletableFuture<>();
            if (inFlight.compareAndSet(running, next)) {
                Thread thread = new Thread(() -> {
                    try {
                        next.complete(health.get());
                    } catch (RuntimeException e) {
                        next.completeExceptionally(e);
                    }
                }, "authplane-readiness-probe");
                thread.setDaemon(true);
                thread.start();
                return next;
            }
        }
    }
}
