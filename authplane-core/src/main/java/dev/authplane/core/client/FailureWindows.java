package dev.authplane.core.client;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Counts failures per key in a window that opens at a key's first failure and lasts
 * {@code window}; once a key reaches {@code limit} failures it is blocked until its window ends.
 * At most {@code maxKeys} keys are tracked, the least recently seen forgotten first, so memory
 * stays bounded however many keys an attacker invents. A limit of 0 blocks nothing. Thread-safe.
 */
final class FailureWindows {

    private final int limit;
    private final long windowMillis;
    private final Clock clock;
    private final Map<String, Window> windows;

    FailureWindows(int limit, Duration window, Clock clock, int maxKeys) {
        if (limit < 0 || maxKeys < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("limit >= 0, maxKeys >= 1 and a positive window are required");
        }
        this.limit = limit;
        this.windowMillis = window.toMillis();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.windows = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** How long {@code key} stays blocked; {@link Duration#ZERO} when it is not blocked. */
    synchronized Duration blockedFor(String key) {
        if (limit == 0 || key == null) {
            return Duration.ZERO;
        }
        long now = clock.millis();
        Window w = windows.get(key);
        if (w == null || w.expired(now, windowMillis) || w.failures < limit) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(w.start + windowMillis - now);
    }

    /** Counts one failure for {@code key}. */
    synchronized void recordFailure(String key) {
        if (limit == 0 || key == null) {
            return;
        }
        long now = clock.millis();
        Window w = windows.get(key);
        if (w == null || w.expired(now, windowMillis)) {
            windows.put(key, new Window(now));
        } else {
            w.failures++;
        }
    }

    synchronized int trackedKeys() {
        return windows.size();
    }

    /** One key's current window; guarded by the enclosing instance's lock. */
    private static final class Window {
        private final long start;
        private int failures = 1;

        Window(long start) {
            this.start = start;
        }

        /** Over, or from the future (the clock was set back). */
        boolean expired(long now, long windowMillis) {
            return now - start >= windowMillis || now < start;
        }
    }
}
