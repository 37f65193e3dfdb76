package dev.authplane.core.support;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Counts failures per key in a window that opens at a key's first failure and lasts
 * {@code window}; once a key reaches {@code limit} failures it is blocked until its window ends.
 * At most {@code maxKeys} keys are tracked, the least recently seen forgotten first, so memory
 * stays bounded however many keys an attacker invents. A limit of 0 blocks nothing. Thread-safe.
 */
public final class FailureWindows {

    /** The longest address key {@link #addressKey} returns. */
    public static final int MAX_ADDRESS_KEY_CHARS = 128;

    private final int limit;
    private final long windowMillis;
    private final Clock clock;
    private final Map<String, Window> windows;

    /**
     * @param limit   failures that block a key; 0 blocks nothing
     * @param window  how long a key's window lasts from its first failure
     * @param maxKeys keys tracked at most
     */
    public FailureWindows(int limit, Duration window, Clock clock, int maxKeys) {
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
    public synchronized Duration blockedFor(String key) {
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
    public synchronized void recordFailure(String key) {
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

    /** How many keys are tracked now. */
    public synchronized int trackedKeys() {
        return windows.size();
    }

    /**
     * A remote address as failure limits count it, grouped as an attacker gets addresses cheaply:
     * an IPv6 address by its /64 prefix, an IPv4-mapped one as IPv4, an IPv4 address as itself;
     * {@code null} when unknown. At most {@value #MAX_ADDRESS_KEY_CHARS} characters.
     */
    public static String addressKey(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.isBlank()) {
            return null;
        }
        String address = remoteAddress.strip();
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        int zone = address.indexOf('%');
        address = zone >= 0 ? address.substring(0, zone) : address;
        if (address.indexOf(':') < 0) {
            return truncate(address);
        }
        try {
            // Brackets make the JDK parse an IPv6 literal or fail; it never turns this into a DNS lookup.
            InetAddress parsed = InetAddress.getByName("[" + address + "]");
            if (parsed instanceof Inet6Address) {
                byte[] prefix = Arrays.copyOf(parsed.getAddress(), 8);
                return HexFormat.of().formatHex(prefix) + "::/64";
            }
            return parsed.getHostAddress();
        } catch (UnknownHostException e) {
            return truncate(address);
        }
    }

    private static String truncate(String s) {
        return s.length() <= MAX_ADDRESS_KEY_CHARS ? s : s.substring(0, MAX_ADDRESS_KEY_CHARS);
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
